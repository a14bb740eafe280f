using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Polly;

namespace Kpi.Shared.Storage;

/// <summary>
/// Puts items with BatchWriteItem: at most 25 requests a call, a bounded number of calls in flight, and
/// UnprocessedItems, throttling and failed connections retried with exponential backoff and jitter
/// (<see cref="DynamoRetry"/>). Only what DynamoDB left unprocessed is sent again, so every item is
/// acknowledged once.
/// </summary>
public sealed class BatchWriter(IAmazonDynamoDB dynamo, BatchWriterSettings? settings = null)
{
    public const int MaxRequestsPerCall = 25;

    private readonly BatchWriterSettings _settings = settings ?? new BatchWriterSettings();

    public async Task<long> PutAllAsync(string table, IEnumerable<Dictionary<string, AttributeValue>> items, CancellationToken cancellationToken)
    {
        var retry = DynamoRetry.Create<BatchWriteItemResponse>(
            response => response.UnprocessedItems is { Count: > 0 }, _settings.MaxRetries, _settings.BaseDelay, _settings.MaxDelay);
        long written = 0;
        var options = new ParallelOptions { MaxDegreeOfParallelism = _settings.MaxCallsInFlight, CancellationToken = cancellationToken };
        try
        {
            await Parallel.ForEachAsync(items.Chunk(MaxRequestsPerCall), options, async (batch, token) =>
            {
                await WriteBatchAsync(table, batch, retry, token);
                Interlocked.Add(ref written, batch.Length);
            });
        }
        catch (Exception ex)
        {
            // BatchWriteItem is not atomic: say how far the write got, so the run record can tell.
            throw new PartialWriteException(table, Interlocked.Read(ref written), ex);
        }

        return written;
    }

    private async Task WriteBatchAsync(
        string table, Dictionary<string, AttributeValue>[] batch, ResiliencePipeline<BatchWriteItemResponse> retry, CancellationToken cancellationToken)
    {
        var pending = new Dictionary<string, List<WriteRequest>>
        {
            [table] = [.. batch.Select(item => new WriteRequest { PutRequest = new PutRequest { Item = item } })],
        };

        var last = await retry.ExecuteAsync(
            async token =>
            {
                var response = await dynamo.BatchWriteItemAsync(new BatchWriteItemRequest { RequestItems = pending }, token);
                if (response.UnprocessedItems is { Count: > 0 } unprocessed)
                {
                    pending = unprocessed;
                }

                return response;
            },
            cancellationToken);

        if (last.UnprocessedItems is { Count: > 0 } left)
        {
            throw new InvalidOperationException(
                $"DynamoDB left {left.Values.Sum(requests => requests.Count)} item(s) of table {table} unprocessed after {_settings.MaxRetries} retries.");
        }
    }
}

/// <summary>A write that stopped part-way: <see cref="Written"/> items (whole batches) are in the table.</summary>
public sealed class PartialWriteException(string table, long written, Exception inner)
    : Exception($"{inner.Message.TrimEnd('.')}. {written} item(s) of {table} were written before it stopped; writes are upserts, so a rerun completes them.", inner)
{
    public long Written { get; } = written;
}

public sealed record BatchWriterSettings
{
    /// <summary>
    /// Calls in flight at once. Against DynamoDB Local on 2 cores, 8 wrote 2.4 times as fast as a sequential
    /// loop and 4 twice as fast (bench/dynamodb.sh); 16 was within noise of 8, DynamoDB Local's CPU being the limit.
    /// </summary>
    public int MaxCallsInFlight { get; init; } = 8;
    public int MaxRetries { get; init; } = DynamoRetry.DefaultMaxRetries;
    public TimeSpan BaseDelay { get; init; } = DynamoRetry.DefaultBaseDelay;
    public TimeSpan MaxDelay { get; init; } = DynamoRetry.DefaultMaxDelay;
}
