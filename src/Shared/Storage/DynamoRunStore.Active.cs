using Amazon.DynamoDBv2.Model;
using Kpi.Shared.Runs;

namespace Kpi.Shared.Storage;

/// <summary>
/// At most one requested run at a time: one lock item in the runs table names the active run, and a new
/// PENDING record is written in the same transaction as the lock, so two dashboards cannot both start one.
/// </summary>
public sealed partial class DynamoRunStore
{
    /// <summary>
    /// Writes <paramref name="run"/> (PENDING) and makes it the active run, atomically; throws
    /// <see cref="ActiveRunExistsException"/> naming the active run when there is one.
    /// </summary>
    public async Task CreateActiveAsync(KpiRun run, CancellationToken cancellationToken)
    {
        try
        {
            await dynamo.TransactWriteItemsAsync(
                new TransactWriteItemsRequest
                {
                    TransactItems =
                    [
                        new()
                        {
                            Put = new Put
                            {
                                TableName = tables.RunsTable,
                                Item = new() { [RunAttributes.RunId] = new() { S = RunAttributes.ActiveRunLockId }, [RunAttributes.ActiveRunId] = new() { S = run.RunId } },
                                ConditionExpression = "attribute_not_exists(#active)",
                                ExpressionAttributeNames = new() { ["#active"] = RunAttributes.ActiveRunId },
                            },
                        },
                        new()
                        {
                            Put = new Put
                            {
                                TableName = tables.RunsTable,
                                Item = RunItems.ToItem(run),
                                ConditionExpression = "attribute_not_exists(#id)",
                                ExpressionAttributeNames = new() { ["#id"] = RunAttributes.RunId },
                            },
                        },
                    ],
                },
                cancellationToken);
        }
        catch (TransactionCanceledException ex)
        {
            var active = await GetActiveRunIdAsync(CancellationToken.None);
            throw active is null
                ? new RunConflictException(run.RunId, (await GetAsync(run.RunId, CancellationToken.None))?.Status, run.Status, ex)
                : new ActiveRunExistsException(active, ex);
        }
    }

    /// <summary>The id of the active requested run, or null.</summary>
    public async Task<string?> GetActiveRunIdAsync(CancellationToken cancellationToken)
    {
        var response = await dynamo.GetItemAsync(
            new GetItemRequest { TableName = tables.RunsTable, Key = Key(RunAttributes.ActiveRunLockId), ConsistentRead = true },
            cancellationToken);
        return response.Item is { } item && item.TryGetValue(RunAttributes.ActiveRunId, out var value) ? value.S : null;
    }

    /// <summary>Clears the lock if it still names <paramref name="runId"/>; someone else's lock is left alone.</summary>
    public async Task ReleaseActiveAsync(string runId, CancellationToken cancellationToken)
    {
        try
        {
            await dynamo.UpdateItemAsync(
                new UpdateItemRequest
                {
                    TableName = tables.RunsTable,
                    Key = Key(RunAttributes.ActiveRunLockId),
                    UpdateExpression = "REMOVE #active",
                    ConditionExpression = "#active = :run",
                    ExpressionAttributeNames = new() { ["#active"] = RunAttributes.ActiveRunId },
                    ExpressionAttributeValues = new() { [":run"] = new AttributeValue { S = runId } },
                },
                cancellationToken);
        }
        catch (ConditionalCheckFailedException)
        {
        }
    }

    /// <summary>Records what the launcher knows of an existing run; the pipeline's attributes, status included, stay as they are.</summary>
    public Task UpdateLaunchAsync(string runId, RunLaunch launch, CancellationToken cancellationToken) =>
        dynamo.UpdateItemAsync(
            new UpdateItemRequest
            {
                TableName = tables.RunsTable,
                Key = Key(runId),
                UpdateExpression = "SET #launch = :launch",
                ConditionExpression = "attribute_exists(#id)",
                ExpressionAttributeNames = new() { ["#launch"] = RunAttributes.Launch, ["#id"] = RunAttributes.RunId },
                ExpressionAttributeValues = new() { [":launch"] = RunItems.LaunchItem(launch) },
            },
            cancellationToken);
}

/// <summary>A run was requested while another requested run is PENDING or RUNNING.</summary>
public sealed class ActiveRunExistsException(string activeRunId, Exception inner)
    : Exception($"Run {activeRunId} is already active; wait until it finishes.", inner)
{
    public string ActiveRunId { get; } = activeRunId;
}
