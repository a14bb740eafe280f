using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Kpi.Shared.Runs;

namespace Kpi.Shared.Storage;

/// <summary>
/// Run records: one item per run id, listed newest first through the start-time index. Every write is
/// conditional on the record's current status, so a record is never clobbered by a writer that does
/// not own it, and a finished run (SUCCEEDED, FAILED) is never changed again.
/// </summary>
public sealed partial class DynamoRunStore(IAmazonDynamoDB dynamo, KpiTableOptions tables)
{
    private static readonly RunStatus[] NotFinished = [RunStatus.Pending, RunStatus.Running];

    /// <summary>Writes survive a DynamoDB that restarts or a brief network fault (bounded, see <see cref="DynamoRetry"/>).</summary>
    private static readonly Polly.ResiliencePipeline Retry = DynamoRetry.Create();

    /// <summary>Writes a new record; refuses (<see cref="RunConflictException"/>) when the id is taken.</summary>
    public Task CreateAsync(KpiRun run, CancellationToken cancellationToken) =>
        TransitionAsync(run, from: [], createIfMissing: true, cancellationToken);

    /// <summary>The pipeline's start: PENDING → RUNNING for this run id, or a new RUNNING record when there is none.</summary>
    public Task StartAsync(KpiRun run, CancellationToken cancellationToken) =>
        TransitionAsync(run, from: [RunStatus.Pending], createIfMissing: true, cancellationToken);

    /// <summary>Progress of a RUNNING run, or its final state; refused once someone else has finished it.</summary>
    public Task UpdateRunningAsync(KpiRun run, CancellationToken cancellationToken) =>
        TransitionAsync(run, from: [RunStatus.Running], createIfMissing: false, cancellationToken);

    /// <summary>Ends a run that has not finished (e.g. its process died), from whatever state it is in.</summary>
    public Task FinishUnfinishedAsync(KpiRun run, CancellationToken cancellationToken) =>
        TransitionAsync(run, from: NotFinished, createIfMissing: false, cancellationToken);

    public async Task<KpiRun?> GetAsync(string runId, CancellationToken cancellationToken)
    {
        if (runId == RunAttributes.ActiveRunLockId)
        {
            return null;
        }

        var response = await dynamo.GetItemAsync(
            new GetItemRequest { TableName = tables.RunsTable, Key = Key(runId), ConsistentRead = true },
            cancellationToken);
        return response.Item is { Count: > 0 } item ? RunItems.FromItem(item) : null;
    }

    /// <summary>The newest runs first, by one Query on the start-time index.</summary>
    public async Task<IReadOnlyList<KpiRun>> ListLatestAsync(int count, CancellationToken cancellationToken)
    {
        var response = await dynamo.QueryAsync(LatestQuery(count), cancellationToken);
        return [.. (response.Items ?? []).Select(RunItems.FromItem)];
    }

    /// <summary>
    /// The newest run that succeeded, reading the index page by page until one is found. Of the successes on that
    /// page (runs started close together), the one that finished last: runs started by the schedule or the CLI
    /// may overlap, and the tables then hold what the later one wrote.
    /// </summary>
    public async Task<KpiRun?> GetLatestSucceededAsync(CancellationToken cancellationToken)
    {
        var request = LatestQuery(20);
        request.FilterExpression = "#status = :succeeded";
        request.ExpressionAttributeNames["#status"] = RunAttributes.Status;
        request.ExpressionAttributeValues[":succeeded"] = new AttributeValue { S = RunStatus.Succeeded.ToStoredName() };
        await foreach (var page in dynamo.Paginators.Query(request).Responses.WithCancellation(cancellationToken))
        {
            if (page.Items is { Count: > 0 } items)
            {
                return items.Select(RunItems.FromItem).MaxBy(run => run.FinishedAt);
            }
        }

        return null;
    }

    /// <summary>
    /// Sets every attribute of <paramref name="run"/> (others already on the record stay) when the stored
    /// status is one of <paramref name="from"/>, or when there is no record and <paramref name="createIfMissing"/>.
    /// </summary>
    private async Task TransitionAsync(KpiRun run, IReadOnlyList<RunStatus> from, bool createIfMissing, CancellationToken cancellationToken)
    {
        var item = RunItems.ToItem(run);
        item.Remove(RunAttributes.RunId);
        var names = new Dictionary<string, string>();
        if (createIfMissing)
        {
            names["#id"] = RunAttributes.RunId;
        }

        if (from.Count > 0)
        {
            names["#status"] = RunAttributes.Status;
        }

        var values = new Dictionary<string, AttributeValue>();
        var assignments = new List<string>();
        foreach (var (attribute, value) in item)
        {
            var i = assignments.Count;
            names[$"#a{i}"] = attribute;
            values[$":v{i}"] = value;
            assignments.Add($"#a{i} = :v{i}");
        }

        var conditions = from.Select((status, i) =>
        {
            values[$":from{i}"] = new AttributeValue { S = status.ToStoredName() };
            return $"#status = :from{i}";
        }).ToList();
        if (createIfMissing)
        {
            conditions.Add("attribute_not_exists(#id)");
        }

        var request = new UpdateItemRequest
        {
            TableName = tables.RunsTable,
            Key = Key(run.RunId),
            UpdateExpression = "SET " + string.Join(", ", assignments),
            ConditionExpression = string.Join(" OR ", conditions),
            ExpressionAttributeNames = names,
            ExpressionAttributeValues = values,
        };
        var attempts = 0;
        try
        {
            await Retry.ExecuteAsync(
                async token =>
                {
                    attempts++;
                    await dynamo.UpdateItemAsync(request, token);
                },
                cancellationToken);
        }
        catch (ConditionalCheckFailedException ex)
        {
            var current = await GetAsync(run.RunId, CancellationToken.None);

            // A retry after a lost answer finds its own earlier write: that is success, not a conflict. Its start
            // time (to the tick) tells this writer's write from another process's with the same run id.
            if (attempts > 1 && current is not null && current.Status == run.Status && current.FinishedAt == run.FinishedAt && current.StartedAt == run.StartedAt)
            {
                return;
            }

            throw new RunConflictException(run.RunId, current?.Status, run.Status, ex);
        }
    }

    private static Dictionary<string, AttributeValue> Key(string runId) => new() { [RunAttributes.RunId] = new() { S = runId } };

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

/// <summary>A run record was not in a state that allows the write (another writer owns it, or it has finished).</summary>
public sealed class RunConflictException(string runId, RunStatus? current, RunStatus wanted, Exception inner)
    : Exception(Describe(runId, current, wanted), inner)
{
    public string RunId { get; } = runId;

    /// <summary>The record's status when the write was refused; null when there is no record.</summary>
    public RunStatus? CurrentStatus { get; } = current;

    private static string Describe(string runId, RunStatus? current, RunStatus wanted) => current switch
    {
        null => $"Run {runId} has no record, so it cannot become {wanted.ToStoredName()}.",
        { } status when status.IsFinished() => $"Run {runId} has already finished ({status.ToStoredName()}); its record is left as it is.",
        { } status => $"Run {runId} is {status.ToStoredName()} and owned by another writer; it cannot become {wanted.ToStoredName()}.",
    };
}
