using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Polly;

namespace Kpi.Shared.Storage;

/// <summary>
/// Puts items with BatchWriteItem: at most 25 requests a call, a few calls in flight, and UnprocessedItems,
/// throttling and failed connections retried with exponential backoff and jitter (<see cref="DynamoRetry"/>).
/// </summary>
public sealed class BatchWriter(IAmazonDynamoDB dynamo, BatchWriterSettings? settings = null)
{
    public const int MaxRequestsPerCall = 25;

    private readonly BatchWriterSettings _settings = settings ?? new BatchWriterSettings();

    public async Task<long> PutAllAsync(string table, IEnumerable<Dictionary<string, AttributeValue>> items, CancellationToken cancellationToken)
    {
        var retry = BuildRetry();
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

    private async Task WriteBatchAsync(string table, Dictionary<string, AttributeValue>[] batch, ResiliencePipeline retry, CancellationToken cancellationToken)
    {
        var pending = new Dictionary<string, List<WriteRequest>>
        {
            [table] = [.. batch.Select(item => new WriteRequest { PutRequest = new PutRequest { Item = item } })],
        };

        try
        {
            await retry.ExecuteAsync(
                async token =>
                {
                    var response = await dynamo.BatchWriteItemAsync(new BatchWriteItemRequest { RequestItems = pending }, token);
                    if (response.UnprocessedItems is { Count: > 0 } unprocessed)
                    {
                        pending = unprocessed;
                        throw new UnprocessedItemsException(unprocessed.Values.Sum(requests => requests.Count));
                    }
                },
                cancellationToken);
        }
        catch (UnprocessedItemsException ex)
        {
            throw new InvalidOperationException(
                $"DynamoDB left {ex.Count} item(s) of table {table} unprocessed after {_settings.MaxRetries} retries.", ex);
        }
    }

    private ResiliencePipeline BuildRetry() =>
        DynamoRetry.Create(ex => ex is UnprocessedItemsException, _settings.MaxRetries, _settings.BaseDelay, _settings.MaxDelay);

    private sealed class UnprocessedItemsException(int count) : Exception($"{count} item(s) unprocessed")
    {
        public int Count { get; } = count;
    }
}

/// <summary>A write that stopped part-way: <see cref="Written"/> items (whole batches) are in the table.</summary>
public sealed class PartialWriteException(string table, long written, Exception inner)
    : Exception($"{inner.Message} {written} item(s) of {table} were written before it stopped; writes are upserts, so a rerun completes them.", inner)
{
    public long Written { get; } = written;
}

public sealed record BatchWriterSettings
{
    public int MaxCallsInFlight { get; init; } = 4;
    public int MaxRetries { get; init; } = DynamoRetry.DefaultMaxRetries;
    public TimeSpan BaseDelay { get; init; } = DynamoRetry.DefaultBaseDelay;
    public TimeSpan MaxDelay { get; init; } = DynamoRetry.DefaultMaxDelay;
}
