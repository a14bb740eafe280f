using Kpi.Shared.Runs;
using Kpi.Shared.Storage;
using Kpi.TestSupport;
using Kpi.TestSupport.FakeEcs;

namespace Kpi.Dashboard.Tests.Runs;

/// <summary>
/// Run now on ECS end to end against the fake ECS: the real pipeline as the task's container, RunTask failures,
/// a task that never starts, the timeout, and a monitor that resumes from the stored task ARN after a restart.
/// </summary>
public sealed class RunMonitorEcsTests(DynamoDbLocal dynamo)
{
    private const string Orders = "order_id,user_id,created_at\n1,10,2024-03-20T09:00:00\n";
    private const string Items = "id,order_id,product_id,status,created_at,sale_price\n1,1,1,delivered,2024-03-20T09:00:00,12.5\n";

    [Fact]
    [Trait(PublishedPipeline.Trait, PublishedPipeline.TraitValue)]
    public async Task A_run_on_ecs_goes_from_pending_to_succeeded_with_its_task_and_exit_code_recorded()
    {
        using var data = Input();
        await using var ecs = await FakeEcsServer.StartAsync();
        ecs.AddTaskDefinition(RunStack.PipelineTask(dynamo));
        var tables = await dynamo.CreateTablesAsync();
        using var client = dynamo.CreateClient();
        await using var stack = new RunStack(ecs, client, tables, data.Path);
        await stack.StartMonitorAsync();

        var requested = await stack.Requester.StartAsync("dashboard", "tester", CancellationToken.None);
        var run = await stack.WaitForAsync(requested.RunId, r => r.Status.IsFinished() && r.Launch?.LastStatus == "STOPPED");

        Assert.Equal(RunStatus.Pending, requested.Status);
        Assert.True(run.Status == RunStatus.Succeeded, $"{run}\n{ecs.Tasks.Single().Output}");
        Assert.Equal(("ecs", 0, 1L), (run.Launch!.Launcher, run.Launch.ExitCode, run.CategoryRowsWritten));
        Assert.Equal(ecs.Tasks.Single().TaskArn, run.Launch.TaskArn);
        Assert.Equal(requested.RunId, ecs.Tasks.Single().Environment["KPI_RUN_ID"]);
        Assert.Equal(tables.RunsTable, ecs.Tasks.Single().Environment["KPI_RUNS_TABLE"]);
        Assert.Null(await stack.WaitForLockAsync());
    }

    [Fact]
    public async Task A_RunTask_answer_with_failures_records_the_run_failed_with_the_reason_and_frees_the_lock()
    {
        await using var ecs = await FakeEcsServer.StartAsync();
        ecs.AddTaskDefinition(RunStack.ShellTask("exit 0", placementFailure: "RESOURCE:ENI"));
        var tables = await dynamo.CreateTablesAsync();
        using var client = dynamo.CreateClient();
        await using var stack = new RunStack(ecs, client, tables, "s3://bucket/Data/");

        var run = await stack.Requester.StartAsync("api", "tester", CancellationToken.None);

        Assert.Equal(RunStatus.Failed, run.Status);
        Assert.Contains("RESOURCE:ENI", (await stack.Runs.GetAsync(run.RunId, CancellationToken.None))!.Error);
        Assert.Null(await stack.Runs.GetActiveRunIdAsync(CancellationToken.None));
        Assert.Empty(ecs.Tasks);
    }

    [Fact]
    public async Task A_launch_that_fails_in_an_unexpected_way_records_the_run_failed_and_frees_the_lock()
    {
        await using var ecs = await FakeEcsServer.StartAsync();
        ecs.AddTaskDefinition(RunStack.ShellTask("exit 0"));
        var tables = await dynamo.CreateTablesAsync();
        using var client = dynamo.CreateClient();

        // ECS takes at most 8192 characters of overrides: the launcher refuses this source before any call, with
        // an ArgumentException rather than ECS's own refusal.
        await using var stack = new RunStack(ecs, client, tables, "s3://bucket/" + new string('a', 9000));
        var first = await stack.Requester.StartAsync("api", "tester", CancellationToken.None);
        var second = await stack.Requester.StartAsync("api", "tester", CancellationToken.None);

        Assert.Equal((RunStatus.Failed, RunStatus.Failed), (first.Status, second.Status));
        var stored = (await stack.Runs.GetAsync(first.RunId, CancellationToken.None))!;
        Assert.Equal(RunStatus.Failed, stored.Status);
        Assert.Contains("too large for ECS", stored.Error);
        Assert.Null(await stack.Runs.GetActiveRunIdAsync(CancellationToken.None));
        Assert.Empty(ecs.Tasks);
    }

    [Fact]
    public async Task A_lock_left_by_a_request_that_never_launched_is_cleared_after_the_launch_timeout()
    {
        await using var ecs = await FakeEcsServer.StartAsync();
        ecs.AddTaskDefinition(RunStack.ShellTask("exit 0"));
        var tables = await dynamo.CreateTablesAsync();
        using var client = dynamo.CreateClient();
        await using var stack = new RunStack(ecs, client, tables, "s3://bucket/Data/");

        // What a request whose lock write DynamoDB answered too late leaves: a PENDING record and the lock, no launch.
        var stranded = new KpiRun
        {
            RunId = "stranded",
            Status = RunStatus.Pending,
            StartedAt = stack.Time.GetUtcNow(),
            Source = "s3://bucket/Data/",
            Engine = "duckdb",
            Trigger = "dashboard",
            Launch = new RunLaunch("ecs", null, Kpi.Dashboard.Runs.RunRequester.RequestedStatus, null, null),
        };
        await stack.Runs.CreateActiveAsync(stranded, CancellationToken.None);

        await Assert.ThrowsAsync<ActiveRunExistsException>(() => stack.Requester.StartAsync("api", "tester", CancellationToken.None));
        stack.Time.Advance(Kpi.Dashboard.Runs.RunRequester.LaunchTimeout + TimeSpan.FromSeconds(1));
        var next = await stack.Requester.StartAsync("api", "tester", CancellationToken.None);

        Assert.Equal(RunStatus.Pending, next.Status);
        var old = (await stack.Runs.GetAsync("stranded", CancellationToken.None))!;
        Assert.Equal(RunStatus.Failed, old.Status);
        Assert.Contains("never launched", old.Error);
        Assert.Equal(next.RunId, await stack.Runs.GetActiveRunIdAsync(CancellationToken.None));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(60)] // polls rarely: the latest runs are still read every 15 s (HistoryInterval), not every 60
    public async Task Runs_started_elsewhere_reach_the_history_of_a_dashboard_that_did_not_start_them(int pollSeconds)
    {
        await using var ecs = await FakeEcsServer.StartAsync();
        ecs.AddTaskDefinition(RunStack.ShellTask("sleep 30"));
        var tables = await dynamo.CreateTablesAsync();
        using var client = dynamo.CreateClient();
        var settings = new Dictionary<string, string?> { ["Launcher:PollSeconds"] = pollSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture) };
        await using var watching = new RunStack(ecs, client, tables, "s3://bucket/Data/", settings: settings);
        await using var other = new RunStack(ecs, client, tables, "s3://bucket/Data/");
        await watching.StartMonitorAsync();

        // The monitor's first read at start: the runs below must come after it, so that only the refresh finds them.
        await Eventually.HoldsAsync(() => watching.Monitor.HistoryReadAt != default, "the monitor's first read");

        // Another dashboard's request, and a run of the schedule (no trigger).
        var requested = await other.Requester.StartAsync("dashboard", "someone else", CancellationToken.None);
        await watching.Runs.CreateAsync(new KpiRun { RunId = "scheduled", Status = RunStatus.Failed, StartedAt = DateTimeOffset.UtcNow, Source = "s3://bucket/Data/", Engine = "duckdb", Error = "boom" }, CancellationToken.None);
        watching.Time.Advance(Kpi.Dashboard.Runs.RunMonitor.HistoryInterval);

        await Eventually.HoldsAsync(() => watching.Monitor.History.Count >= 2, "both runs in the history", seconds: 40);
        Assert.Equal(new[] { requested.RunId, "scheduled" }.Order(StringComparer.Ordinal), watching.Monitor.History.Select(run => run.RunId).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task The_spark_connect_address_and_its_token_never_go_into_the_task_overrides()
    {
        await using var ecs = await FakeEcsServer.StartAsync();
        ecs.AddTaskDefinition(RunStack.ShellTask("exit 0"));
        var tables = await dynamo.CreateTablesAsync();
        using var client = dynamo.CreateClient();
        var settings = new Dictionary<string, string?>
        {
            [RunRequest.EngineVariable] = "spark",
            [RunRequest.SparkRemoteVariable] = "sc://spark.internal:15002/;token=s3cr3t-token",
        };
        await using var stack = new RunStack(ecs, client, tables, "s3://bucket/Data/", settings: settings);

        var run = await stack.Requester.StartAsync("dashboard", "tester", CancellationToken.None);

        Assert.Equal(RunStatus.Pending, run.Status);
        var task = Assert.Single(ecs.Tasks);
        Assert.Equal("spark", task.Environment[RunRequest.EngineVariable]);
        Assert.DoesNotContain(RunRequest.SparkRemoteVariable, task.Environment.Keys);
        Assert.DoesNotContain("s3cr3t-token", Assert.Single(ecs.Requests, request => request.Action == "RunTask").Body);
    }

    [Fact]
    public async Task A_task_that_cannot_pull_its_image_is_recorded_failed_with_ecs_stopped_reason()
    {
        await using var ecs = await FakeEcsServer.StartAsync();
        ecs.AddTaskDefinition(RunStack.ShellTask("exit 0", pullError: "CannotPullContainerError: pull image manifest has been retried 5 time(s)"));
        var tables = await dynamo.CreateTablesAsync();
        using var client = dynamo.CreateClient();
        await using var stack = new RunStack(ecs, client, tables, "s3://bucket/Data/");
        await stack.StartMonitorAsync();

        var requested = await stack.Requester.StartAsync("dashboard", "tester", CancellationToken.None);
        var run = await stack.WaitForAsync(requested.RunId, r => r.Status.IsFinished());

        Assert.Equal(RunStatus.Failed, run.Status);
        Assert.Contains("CannotPullContainerError", run.Error);
        Assert.Contains("TaskFailedToStart", run.Launch!.StoppedReason);
        Assert.Null(run.Launch.ExitCode);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)] // ECS refuses StopTask at first (a missing permission): tried again, the lock held meanwhile
    public async Task A_run_past_its_timeout_is_recorded_failed_and_stopped_with_StopTask(bool refusedAtFirst)
    {
        await using var ecs = await FakeEcsServer.StartAsync();
        ecs.AddTaskDefinition(RunStack.ShellTask("sleep 300"));
        var tables = await dynamo.CreateTablesAsync();
        using var client = dynamo.CreateClient();
        await using var stack = new RunStack(ecs, client, tables, "s3://bucket/Data/");
        await stack.StartMonitorAsync();
        var requested = await stack.Requester.StartAsync("dashboard", "tester", CancellationToken.None);
        await stack.WaitForAsync(requested.RunId, r => r.Launch?.LastStatus == "RUNNING");

        ecs.DenyStopTask(refusedAtFirst);
        stack.Time.Advance(TimeSpan.FromMinutes(31));
        var run = await stack.WaitForAsync(requested.RunId, r => r.Status.IsFinished());

        // Recorded first, with the reason, then stopped: the pipeline would record only "cancelled (SIGTERM)".
        Assert.Equal(RunStatus.Failed, run.Status);
        Assert.Contains("30-minute timeout", run.Error);
        if (refusedAtFirst)
        {
            await Eventually.HoldsAsync(() => ecs.Requests.Count(request => request.Action == "StopTask") >= 2, "two StopTask calls");

            // The task still runs: no new run may start beside it.
            Assert.All(ecs.Requests.Where(request => request.Action == "StopTask"), request => Assert.Equal(400, request.Status));
            Assert.Equal(requested.RunId, await stack.Runs.GetActiveRunIdAsync(CancellationToken.None));
            Assert.Equal("RUNNING", ecs.Tasks.Single().LastStatus);

            // Meanwhile the monitor goes on with the rest: a run of the schedule still reaches the history.
            await stack.Runs.CreateAsync(new KpiRun { RunId = "scheduled", Status = RunStatus.Succeeded, StartedAt = DateTimeOffset.UtcNow, Source = "s3://bucket/Data/", Engine = "duckdb" }, CancellationToken.None);
            stack.Time.Advance(Kpi.Dashboard.Runs.RunMonitor.HistoryInterval);
            await Eventually.HoldsAsync(() => stack.Monitor.History.Any(r => r.RunId == "scheduled"), "the scheduled run in the history");
            ecs.DenyStopTask(false);
        }

        Assert.Null(await stack.WaitForLockAsync());
        var stop = Assert.Single(ecs.Requests, request => request.Action == "StopTask" && request.Status == 200);
        Assert.Contains(run.Launch!.TaskArn!, stop.Body);
        await Eventually.HoldsAsync(() => ecs.Tasks.Single().LastStatus == "STOPPED", "the task stopped");
    }

    [Fact]
    public async Task After_a_restart_the_monitor_resumes_from_the_stored_task_arn_and_records_a_lost_task()
    {
        await using var ecs = await FakeEcsServer.StartAsync();
        ecs.AddTaskDefinition(RunStack.ShellTask("exit 3"));
        var tables = await dynamo.CreateTablesAsync();
        using var client = dynamo.CreateClient();
        string runId;
        await using (var before = new RunStack(ecs, client, tables, "s3://bucket/Data/"))
        {
            // Requested, then the dashboard goes away before its monitor ever looked.
            runId = (await before.Requester.StartAsync("dashboard", "tester", CancellationToken.None)).RunId;
        }

        await using var after = new RunStack(ecs, client, tables, "s3://bucket/Data/");
        await after.StartMonitorAsync();
        var run = await after.WaitForAsync(runId, r => r.Status.IsFinished());

        Assert.Equal(RunStatus.Failed, run.Status);
        Assert.Contains("stopped with exit code 3 before finishing its run record", run.Error);
        Assert.Equal((3, ecs.Tasks.Single().TaskArn), (run.Launch!.ExitCode, run.Launch.TaskArn));
        Assert.Null(await after.WaitForLockAsync());
    }


    private static TempFolder Input()
    {
        var folder = new TempFolder();
        folder.Write("orders/orders_part1.csv", Orders);
        folder.Write("order_items/order_items_part1.csv", Items);
        folder.Write("products.csv", "id,category\n1,Beauty\n");
        return folder;
    }
}
