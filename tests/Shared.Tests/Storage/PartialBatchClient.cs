using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Kpi.TestSupport;

namespace Kpi.Shared.Tests.Storage;

/// <summary>
/// A real client to DynamoDB Local that, like a throttled table, writes only part of each batch and hands
/// the rest back as UnprocessedItems.
/// </summary>
internal sealed class PartialBatchClient(Uri endpoint) : AmazonDynamoDBClient(DynamoDbLocal.Credentials, DynamoDbLocal.Config(endpoint))
{
    private int _unprocessed;

    public bool NeverWrites { get; init; }

    public int UnprocessedReturned => _unprocessed;

    public List<int> RequestSizes { get; } = [];

    public override async Task<BatchWriteItemResponse> BatchWriteItemAsync(BatchWriteItemRequest request, CancellationToken cancellationToken = default)
    {
        var (table, requests) = request.RequestItems.Single();
        lock (RequestSizes)
        {
            RequestSizes.Add(requests.Count);
        }

        var keep = NeverWrites ? 0 : (requests.Count + 1) / 2;
        if (keep > 0)
        {
            await base.BatchWriteItemAsync(new BatchWriteItemRequest { RequestItems = new() { [table] = requests[..keep] } }, cancellationToken);
        }

        var rest = requests[keep..];
        Interlocked.Add(ref _unprocessed, rest.Count);
        return new BatchWriteItemResponse { UnprocessedItems = rest.Count == 0 ? [] : new() { [table] = rest } };
    }
}
