using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Kpi.Shared.Runs;

namespace Kpi.Shared.Storage;

/// <summary>Run records: one item per run id, listed newest first through the start-time index.</summary>
public sealed class DynamoRunStore(IAmazonDynamoDB dynamo, KpiTableOptions tables)
{
    /// <summary>Writes the whole record (a run's record is only ever written by that run).</summary>
    public Task SaveAsync(KpiRun run, CancellationToken cancellationToken) =>
        dynamo.PutItemAsync(new PutItemRequest { TableName = tables.RunsTable, Item = RunItems.ToItem(run) }, cancellationToken);

    public async Task<KpiRun?> GetAsync(string runId, CancellationToken cancellationToken)
    {
        var response = await dynamo.GetItemAsync(
            new GetItemRequest
            {
                TableName = tables.RunsTable,
                Key = new() { [RunAttributes.RunId] = new() { S = runId } },
                ConsistentRead = true,
            },
            cancellationToken);
        return response.Item is { Count: > 0 } item ? RunItems.FromItem(item) : null;
    }

    /// <summary>The newest runs first, by one Query on the start-time index.</summary>
    public async Task<IReadOnlyList<KpiRun>> ListLatestAsync(int count, CancellationToken cancellationToken)
    {
        var response = await dynamo.QueryAsync(LatestQuery(count), cancellationToken);
        return [.. (response.Items ?? []).Select(RunItems.FromItem)];
    }

    /// <summary>The newest run that succeeded, reading the index page by page until one is found.</summary>
    public async Task<KpiRun?> GetLatestSucceededAsync(CancellationToken cancellationToken)
    {
        var request = LatestQuery(20);
        request.FilterExpression = "#status = :succeeded";
        request.ExpressionAttributeNames["#status"] = RunAttributes.Status;
        request.ExpressionAttributeValues[":succeeded"] = new AttributeValue { S = RunStatus.Succeeded.ToString().ToUpperInvariant() };
        await foreach (var page in dynamo.Paginators.Query(request).Responses.WithCancellation(cancellationToken))
        {
            if (page.Items is { Count: > 0 } items)
            {
                return RunItems.FromItem(items[0]);
            }
        }

        return null;
    }

    private QueryRequest LatestQuery(int count) => new()
    {
        TableName = tables.RunsTable,
        IndexName = RunAttributes.ByStartIndex,
        KeyConditionExpression = "#kind = :kind",
        ExpressionAttributeNames = new() { ["#kind"] = RunAttributes.Kind },
        ExpressionAttributeValues = new() { [":kind"] = new AttributeValue { S = RunAttributes.KindValue } },
        ScanIndexForward = false,
        Limit = count,
    };
}
