using Kpi.Shared.Runs;
using Kpi.Shared.Storage;
using Kpi.TestSupport;

namespace Kpi.Shared.Tests.Storage;

/// <summary>Run-record writes are conditional on the stored status (DynamoDB Local).</summary>
public sealed class RunTransitionTests(DynamoDbLocal dynamo)
{
    private static readonly DateTimeOffset Start = new(2025, 3, 1, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task The_pipeline_creates_its_record_when_there_is_none()
    {
        var (store, client) = await StoreAsync();
        using var _ = client;

        await store.StartAsync(Run("new", RunStatus.Running), CancellationToken.None);

        Assert.Equal(RunStatus.Running, (await store.GetAsync("new", CancellationToken.None))!.Status);
    }

    [Fact]
    public async Task Pending_becomes_running_and_keeps_what_the_requester_wrote()
    {
        var (store, client) = await StoreAsync();
        using var _ = client;
        await store.CreateAsync(Run("r", RunStatus.Pending) with { Error = "requester note" }, CancellationToken.None);

        await store.StartAsync(Run("r", RunStatus.Running) with { Source = "from-pipeline" }, CancellationToken.None);

        var run = await store.GetAsync("r", CancellationToken.None);
        Assert.Equal((RunStatus.Running, "from-pipeline", "requester note"), (run!.Status, run.Source, run.Error));
    }

    [Fact]
    public async Task Running_becomes_succeeded_and_then_stays_so()
    {
        var (store, client) = await StoreAsync();
        using var _ = client;
        await store.StartAsync(Run("r", RunStatus.Running), CancellationToken.None);
        await store.UpdateRunningAsync(Run("r", RunStatus.Running) with { CategoryRowsWritten = 5 }, CancellationToken.None);
        await store.UpdateRunningAsync(Run("r", RunStatus.Succeeded) with { CategoryRowsWritten = 7, FinishedAt = Start.AddMinutes(1) }, CancellationToken.None);

        var late = await Assert.ThrowsAsync<RunConflictException>(
            () => store.UpdateRunningAsync(Run("r", RunStatus.Failed) with { Error = "late" }, CancellationToken.None));

        Assert.Equal(RunStatus.Succeeded, late.CurrentStatus);
        var run = await store.GetAsync("r", CancellationToken.None);
        Assert.Equal((RunStatus.Succeeded, 7L, (string?)null), (run!.Status, run.CategoryRowsWritten, run.Error));
    }

    [Theory]
    [InlineData(RunStatus.Succeeded)]
    [InlineData(RunStatus.Failed)]
    [InlineData(RunStatus.Running)]
    public async Task Starting_a_run_whose_record_is_not_pending_is_refused_and_the_record_is_left_as_it_is(RunStatus stored)
    {
        var (store, client) = await StoreAsync();
        using var _ = client;
        var original = Run("taken", stored) with { CategoryRowsWritten = 3, Error = stored == RunStatus.Failed ? "first failure" : null };
        await store.CreateAsync(original, CancellationToken.None);

        var refused = await Assert.ThrowsAsync<RunConflictException>(
            () => store.StartAsync(Run("taken", RunStatus.Running) with { Source = "intruder" }, CancellationToken.None));

        Assert.Equal(stored, refused.CurrentStatus);
        Assert.Contains("taken", refused.Message);
        var kept = await store.GetAsync("taken", CancellationToken.None);
        Assert.Equal(original with { Tables = kept!.Tables, RejectSamples = kept.RejectSamples }, kept);
    }

    [Fact]
    public async Task Creating_a_record_whose_id_is_taken_is_refused()
    {
        var (store, client) = await StoreAsync();
        using var _ = client;
        await store.CreateAsync(Run("dup", RunStatus.Pending), CancellationToken.None);

        await Assert.ThrowsAsync<RunConflictException>(() => store.CreateAsync(Run("dup", RunStatus.Pending), CancellationToken.None));
    }

    [Fact]
    public async Task An_unfinished_run_can_be_ended_by_a_monitor_but_a_finished_one_cannot()
    {
        var (store, client) = await StoreAsync();
        using var _ = client;
        await store.CreateAsync(Run("stalled", RunStatus.Pending), CancellationToken.None);
        await store.FinishUnfinishedAsync(Run("stalled", RunStatus.Failed) with { Error = "process exited with code 137" }, CancellationToken.None);

        await Assert.ThrowsAsync<RunConflictException>(
            () => store.FinishUnfinishedAsync(Run("stalled", RunStatus.Succeeded), CancellationToken.None));
        await Assert.ThrowsAsync<RunConflictException>(
            () => store.UpdateRunningAsync(Run("stalled", RunStatus.Succeeded), CancellationToken.None));
        Assert.Equal("process exited with code 137", (await store.GetAsync("stalled", CancellationToken.None))!.Error);
    }

    [Fact]
    public async Task Of_two_writers_racing_to_start_one_pending_run_exactly_one_wins()
    {
        var tables = await dynamo.CreateTablesAsync();
        using var client = dynamo.CreateClient();
        using var otherClient = dynamo.CreateClient();
        var store = new DynamoRunStore(client, tables);
        var other = new DynamoRunStore(otherClient, tables);
        for (var round = 0; round < 10; round++)
        {
            var id = $"race-{round}";
            await store.CreateAsync(Run(id, RunStatus.Pending), CancellationToken.None);

            var attempts = new[]
            {
                Attempt(store, Run(id, RunStatus.Running) with { Source = "writer-a" }),
                Attempt(other, Run(id, RunStatus.Running) with { Source = "writer-b" }),
            };
            var won = await Task.WhenAll(attempts);

            Assert.Single(won, w => w is not null);
            Assert.Equal(won.Single(w => w is not null), (await store.GetAsync(id, CancellationToken.None))!.Source);
        }
    }

    private static async Task<string?> Attempt(DynamoRunStore store, KpiRun run)
    {
        try
        {
            await store.StartAsync(run, CancellationToken.None);
            return run.Source;
        }
        catch (RunConflictException)
        {
            return null;
        }
    }

    [Fact]
    public async Task A_failure_is_recorded_once_dynamodb_is_back_within_the_retry_budget()
    {
        var tables = await dynamo.CreateTablesAsync();
        using var direct = dynamo.CreateClient();
        await new DynamoRunStore(direct, tables).StartAsync(Run("outage", RunStatus.Running), CancellationToken.None);
        using var forwarder = new TcpForwarder(dynamo.Endpoint);
        var config = DynamoDbLocal.Config(forwarder.Address);
        config.MaxErrorRetry = 0;
        using var client = new Amazon.DynamoDBv2.AmazonDynamoDBClient(DynamoDbLocal.Credentials, config);

        // DynamoDB is unreachable (connection refused) when the failure is recorded, and back a moment later.
        var failed = Run("outage", RunStatus.Failed) with { FinishedAt = Start.AddMinutes(1), Error = "boom" };
        var recording = new DynamoRunStore(client, tables).UpdateRunningAsync(failed, CancellationToken.None);
        await Task.Delay(TimeSpan.FromSeconds(1), TestContext.Current.CancellationToken);
        Assert.False(recording.IsCompleted, "the write waits for DynamoDB");
        forwarder.Open();
        await recording;

        var run = await new DynamoRunStore(direct, tables).GetAsync("outage", CancellationToken.None);
        Assert.Equal((RunStatus.Failed, "boom"), (run!.Status, run.Error));
    }

    [Fact]
    public async Task A_retry_that_finds_another_process_started_the_run_is_a_conflict_not_its_own_success()
    {
        var tables = await dynamo.CreateTablesAsync();
        using var direct = dynamo.CreateClient();
        var other = new DynamoRunStore(direct, tables);
        await other.CreateAsync(Run("twice", RunStatus.Pending), CancellationToken.None);
        var intercepted = 0;
        await using var proxy = await HttpPassThrough.StartAsync(dynamo.Endpoint);
        proxy.Handle = async request =>
        {
            if (request.Headers.TryGetValue("X-Amz-Target", out var target) && target.EndsWith(".UpdateItem", StringComparison.Ordinal) &&
                Interlocked.Increment(ref intercepted) == 1)
            {
                // This writer's first attempt is lost on the way; meanwhile another process with the same run id starts it.
                await other.StartAsync(Run("twice", RunStatus.Running) with { StartedAt = Start.AddSeconds(1), Source = "other" }, CancellationToken.None);
                return new PassThroughResponse(500, new Dictionary<string, string> { ["Content-Type"] = "application/x-amz-json-1.0" },
                    System.Text.Encoding.UTF8.GetBytes("""{"__type":"com.amazonaws.dynamodb.v20120810#InternalServerError","message":"lost (test proxy)"}"""));
            }

            return await request.ForwardAsync();
        };
        var config = DynamoDbLocal.Config(proxy.Address);
        config.MaxErrorRetry = 0;
        using var client = new Amazon.DynamoDBv2.AmazonDynamoDBClient(DynamoDbLocal.Credentials, config);

        await Assert.ThrowsAsync<RunConflictException>(() =>
            new DynamoRunStore(client, tables).StartAsync(Run("twice", RunStatus.Running), CancellationToken.None));

        Assert.True(intercepted > 1, "the writer retried after its lost attempt");
        Assert.Equal("other", (await other.GetAsync("twice", CancellationToken.None))!.Source);
    }

    private async Task<(DynamoRunStore Store, IDisposable Client)> StoreAsync()
    {
        var tables = await dynamo.CreateTablesAsync();
        var client = dynamo.CreateClient();
        return (new DynamoRunStore(client, tables), client);
    }

    private static KpiRun Run(string id, RunStatus status) => new()
    {
        RunId = id,
        Status = status,
        StartedAt = Start,
        Source = "src",
        Engine = "duckdb",
    };
}
