using System.Globalization;
using System.Text;
using Amazon.DynamoDBv2.Model;
using Kpi.Pipeline.Tests.Engine;
using Kpi.Shared.Runs;
using Kpi.Shared.Storage;
using Kpi.TestSupport;

namespace Kpi.Pipeline.Tests.Cli;

/// <summary>
/// A real pipeline process stopped by a real signal (as ECS StopTask sends it), and DynamoDB Local that goes
/// away mid-write behind a switchable loopback forwarder. Slow forwarders make the stages last long enough
/// to act in the middle of them.
/// </summary>
[Trait(PublishedPipeline.Trait, PublishedPipeline.TraitValue)]
public sealed class StopAndOutageTests(DynamoDbLocal dynamo, S3rverLocal s3)
{
    /// <summary>ECS waits this long between SIGTERM and SIGKILL.</summary>
    private static readonly TimeSpan EcsStopTimeout = TimeSpan.FromSeconds(30);

    private const int Categories = 50;
    private const int Days = 40;

    [Fact]
    public async Task Sigterm_while_staging_s3_objects_records_failed_removes_the_staged_files_and_exits_1()
    {
        using var folder = Fixture.Write(Orders(Categories * Days), Items(Categories * Days), Products());
        for (var part = 0; part < 60; part++)
        {
            folder.Write($"order_items/extra_{part:D3}.csv", "id,order_id,product_id,status,created_at,sale_price\n" +
                $"{100_000 + part},1,1,delivered,2024-01-01T00:00:00,1\n");
        }

        var bucket = "kpi-" + Guid.NewGuid().ToString("N")[..12];
        await s3.UploadFolderAsync(bucket, "Data/", folder.Path);
        using var slowS3 = new TcpForwarder(s3.Endpoint) { Latency = TimeSpan.FromMilliseconds(60) };
        slowS3.Open();
        using var temp = new TempFolder();
        var tables = await dynamo.CreateTablesAsync();
        var environment = s3.Environment(dynamo);
        environment["AWS_ENDPOINT_URL_S3"] = slowS3.Address.ToString();
        environment["TMPDIR"] = temp.Path;

        await using var pipeline = Start(environment, $"s3://{bucket}/Data/", "stop-staging", tables);
        await WaitUntilAsync(pipeline, "the first staged object", () => Task.FromResult(StagedFiles(temp.Path).Any()));
        pipeline.Signal(LocalProcess.SignalTerm);

        Assert.True(await pipeline.WaitAsync(EcsStopTimeout) == ExitCodes.Failure, pipeline.Output);
        await AssertCancelledAsync(tables, "stop-staging", pipeline.Output);
        Assert.Empty(Directory.EnumerateFileSystemEntries(temp.Path));
        Assert.Equal(0, await CountAsync(tables.CategoryTable));
    }

    [Theory]
    [InlineData(LocalProcess.SignalTerm, "SIGTERM")]
    [InlineData(LocalProcess.SignalInterrupt, "SIGINT")]
    [InlineData(LocalProcess.SignalHangup, "SIGHUP")]
    public async Task A_stop_signal_while_writing_records_failed_and_exits_1(int signal, string name)
    {
        using var folder = Fixture.Write(Orders(Categories * Days), Items(Categories * Days), Products());
        using var slowDynamo = new TcpForwarder(dynamo.Endpoint) { Latency = TimeSpan.FromMilliseconds(100) };
        slowDynamo.Open();
        var tables = await dynamo.CreateTablesAsync();
        var environment = new Dictionary<string, string>(dynamo.Environment) { ["AWS_ENDPOINT_URL_DYNAMODB"] = slowDynamo.Address.ToString() };

        await using var pipeline = Start(environment, folder.Path, "stop-writing", tables);
        await WaitUntilAsync(pipeline, "the first category item", async () => await CountAsync(tables.CategoryTable) > 0);
        pipeline.Signal(signal);

        Assert.True(await pipeline.WaitAsync(EcsStopTimeout) == ExitCodes.Failure, pipeline.Output);
        await AssertCancelledAsync(tables, "stop-writing", pipeline.Output, name);
        Assert.Equal(0, await CountAsync(tables.OrderTable));
    }

    [Fact]
    public async Task A_stop_while_the_success_is_recorded_that_dynamodb_took_leaves_a_succeeded_run_and_exit_0()
    {
        using var folder = Fixture.Write(Orders(2), Items(2), Products());
        var tables = await dynamo.CreateTablesAsync();
        var recorded = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var proxy = await HttpPassThrough.StartAsync(dynamo.Endpoint);

        // The final record update reaches DynamoDB, but its answer is held until the test has sent the stop.
        proxy.Handle = async request =>
        {
            var response = await request.ForwardAsync();
            if (Encoding.UTF8.GetString(request.Body).Contains("\"SUCCEEDED\"", StringComparison.Ordinal))
            {
                recorded.TrySetResult();
                await Task.Delay(TimeSpan.FromSeconds(5));
            }

            return response;
        };
        var environment = new Dictionary<string, string>(dynamo.Environment) { ["AWS_ENDPOINT_URL_DYNAMODB"] = proxy.Address.ToString() };

        await using var pipeline = Start(environment, folder.Path, "stop-recording", tables);
        await recorded.Task.WaitAsync(TimeSpan.FromMinutes(1), TestContext.Current.CancellationToken);
        pipeline.Signal(LocalProcess.SignalTerm);

        Assert.True(await pipeline.WaitAsync(EcsStopTimeout) == ExitCodes.Success, pipeline.Output);
        Assert.Equal(RunStatus.Succeeded, await StatusAsync(tables, "stop-recording"));
        Assert.DoesNotContain("cancelled", pipeline.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_run_started_with_sighup_ignored_as_by_nohup_goes_on_through_one()
    {
        using var folder = Fixture.Write(Orders(Categories * Days), Items(Categories * Days), Products());
        using var slowDynamo = new TcpForwarder(dynamo.Endpoint) { Latency = TimeSpan.FromMilliseconds(100) };
        slowDynamo.Open();
        var tables = await dynamo.CreateTablesAsync();
        var environment = new Dictionary<string, string>(dynamo.Environment) { ["AWS_ENDPOINT_URL_DYNAMODB"] = slowDynamo.Address.ToString() };

        await using var pipeline = Start(environment, folder.Path, "nohup", tables, ignoreHangup: true);
        await WaitUntilAsync(pipeline, "the first category item", async () => await CountAsync(tables.CategoryTable) > 0);
        pipeline.Signal(LocalProcess.SignalHangup);

        Assert.True(await pipeline.WaitAsync(TimeSpan.FromMinutes(2)) == ExitCodes.Success, pipeline.Output);
        Assert.Equal(Categories * Days, await CountAsync(tables.CategoryTable));
        Assert.Equal(RunStatus.Succeeded, await StatusAsync(tables, "nohup"));
    }

    [Fact]
    public async Task Sigterm_while_a_read_is_blocked_in_the_kernel_records_failed_and_exits_1_within_ecs_stop_timeout()
    {
        // Opening a file another process holds a lease on blocks in the kernel, where no cancellation reaches (as
        // on a hung network file system). A named pipe did so too, until discovery refused anything not a regular file.
        using var folder = Fixture.Write(Orders(Categories * Days), Items(Categories * Days), Products());
        var blocked = folder.Write("order_items/order_items_part2.csv", Items(0));
        using var lease = new FileLease(blocked);

        var tables = await dynamo.CreateTablesAsync();

        await using var pipeline = Start(new Dictionary<string, string>(dynamo.Environment), folder.Path, "stop-blocked", tables);
        await WaitUntilAsync(pipeline, "running record", async () => await StatusAsync(tables, "stop-blocked") == RunStatus.Running);
        await WaitUntilAsync(pipeline, "its open of the leased file", () => Task.FromResult(lease.OpenWaiting));
        Assert.False(pipeline.HasExited, pipeline.Output);
        pipeline.Signal(LocalProcess.SignalTerm);

        Assert.True(await pipeline.WaitAsync(EcsStopTimeout) == ExitCodes.Failure, pipeline.Output);
        await AssertCancelledAsync(tables, "stop-blocked", pipeline.Output);
        Assert.DoesNotContain("read: done", pipeline.Output);
        Assert.Equal(0, await CountAsync(tables.CategoryTable));
    }

    [Fact]
    public async Task A_dynamodb_that_goes_away_mid_write_and_comes_back_is_survived()
    {
        using var folder = Fixture.Write(Orders(Categories * Days), Items(Categories * Days), Products());
        using var flaky = new TcpForwarder(dynamo.Endpoint) { Latency = TimeSpan.FromMilliseconds(50) };
        flaky.Open();
        var tables = await dynamo.CreateTablesAsync();
        var environment = new Dictionary<string, string>(dynamo.Environment) { ["AWS_ENDPOINT_URL_DYNAMODB"] = flaky.Address.ToString() };

        await using var pipeline = Start(environment, folder.Path, "outage", tables);
        await WaitUntilAsync(pipeline, "the first category item", async () => await CountAsync(tables.CategoryTable) > 0);
        flaky.Close();
        await Task.Delay(TimeSpan.FromSeconds(3), TestContext.Current.CancellationToken);
        Assert.False(pipeline.HasExited, "the pipeline waits for DynamoDB instead of giving up:\n" + pipeline.Output);
        flaky.Open();

        Assert.True(await pipeline.WaitAsync(TimeSpan.FromMinutes(2)) == ExitCodes.Success, pipeline.Output);
        Assert.Equal(Categories * Days, await CountAsync(tables.CategoryTable));
        Assert.Equal(Days, await CountAsync(tables.OrderTable));
        using var client = dynamo.CreateClient();
        var run = await new DynamoRunStore(client, tables).GetAsync("outage", CancellationToken.None);
        Assert.Equal((RunStatus.Succeeded, (long)Categories * Days, (long)Days), (run!.Status, run.CategoryRowsWritten, run.OrderRowsWritten));
    }

    [Fact]
    public async Task A_write_refused_part_way_records_failed_with_the_items_written_and_exits_1()
    {
        using var folder = Fixture.Write(Orders(Categories * Days), Items(Categories * Days), Products());
        var faults = new DynamoDbFaults { FailAfter = 2, Failure = (400, "com.amazon.coral.service#AccessDeniedException") };
        await using var proxy = await faults.StartProxyAsync(dynamo.Endpoint);
        var tables = await dynamo.CreateTablesAsync();
        var environment = new Dictionary<string, string>(dynamo.Environment) { ["AWS_ENDPOINT_URL_DYNAMODB"] = proxy.Address.ToString() };

        var (exitCode, output) = await PipelineProcess.RunAsync(environment, ["run", "--source", folder.Path, "--run-id", "refused", .. PipelineProcess.TableArguments(tables)]);

        Assert.True(exitCode == ExitCodes.Failure, output);

        // The two calls the proxy let through land in full, though perhaps after the run has ended: the client
        // hangs up on calls in flight when the write stops, and DynamoDB Local finishes what it has received.
        var stored = await CountAsync(tables.CategoryTable);
        for (var wait = 0; stored < 2 * 25 && wait < 100; wait++)
        {
            await Task.Delay(100, TestContext.Current.CancellationToken);
            stored = await CountAsync(tables.CategoryTable);
        }

        Assert.Equal(2 * 25, stored);
        Assert.Equal(0, await CountAsync(tables.OrderTable));
        using var client = dynamo.CreateClient();
        var run = await new DynamoRunStore(client, tables).GetAsync("refused", CancellationToken.None);
        Assert.True(run is { Status: RunStatus.Failed, FinishedAt: not null }, $"{run}\n{output}");
        // Whole batches acknowledged before the failure: at most what the table holds (calls in flight may have landed unseen).
        Assert.InRange(run.CategoryRowsWritten, 0, stored);
        Assert.Equal(0, run.OrderRowsWritten);
        Assert.Contains("The request failed (test proxy).", run.Error);
        Assert.Contains($"{run.CategoryRowsWritten} item(s) of {tables.CategoryTable} were written before it stopped", run.Error);
        Assert.Contains("Run refused failed: ", output);
    }

    /// <summary>
    /// Starts a run with SIGINT and SIGHUP at their defaults: a test process started as a background job of a shell
    /// without job control ignores SIGINT (and one under nohup SIGHUP), and the pipeline would inherit that and rightly
    /// keep ignoring it (`env` execs, so the process signalled is the pipeline's). <paramref name="ignoreHangup"/>
    /// starts it as nohup would.
    /// </summary>
    private static LocalProcess Start(Dictionary<string, string> environment, string source, string runId, KpiTableOptions tables, bool ignoreHangup = false)
    {
        var (fileName, arguments) = PipelineProcess.Command(["run", "--source", source, "--run-id", runId, .. PipelineProcess.TableArguments(tables)]);
        string[] signals = ignoreHangup ? ["--default-signal=INT", "--ignore-signal=HUP"] : ["--default-signal=INT,HUP"];
        return new("env", [.. signals, fileName, .. arguments], environment);
    }

    private static async Task WaitUntilAsync(LocalProcess pipeline, string what, Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow.AddMinutes(1);
        while (!await condition())
        {
            Assert.True(!pipeline.HasExited && DateTime.UtcNow < deadline, $"No {what} before the pipeline ended or a minute passed:\n{pipeline.Output}");
            await Task.Delay(20);
        }
    }

    private async Task AssertCancelledAsync(KpiTableOptions tables, string runId, string output, string signal = "SIGTERM")
    {
        using var client = dynamo.CreateClient();
        var run = await new DynamoRunStore(client, tables).GetAsync(runId, CancellationToken.None);
        Assert.True(run is not null && run.Status == RunStatus.Failed && run.Error == $"cancelled ({signal})", $"{run}\n{output}");
        Assert.NotNull(run.FinishedAt);
        Assert.Contains($"Run {runId} cancelled ({signal})", output);
    }

    private async Task<RunStatus?> StatusAsync(KpiTableOptions tables, string runId)
    {
        using var client = dynamo.CreateClient();
        return (await new DynamoRunStore(client, tables).GetAsync(runId, CancellationToken.None))?.Status;
    }

    private static IEnumerable<string> StagedFiles(string temp) =>
        Directory.EnumerateDirectories(temp, "kpi-s3-*").SelectMany(folder => Directory.EnumerateFiles(folder));

    private async Task<int> CountAsync(string table)
    {
        using var client = dynamo.CreateClient();
        return (await client.ScanAsync(new ScanRequest { TableName = table, Select = Amazon.DynamoDBv2.Select.COUNT })).Count ?? 0;
    }

    private static string Products() =>
        "id,category\n" + string.Concat(Enumerable.Range(1, Categories).Select(i => $"{i},Category {i:D2}\n"));

    /// <summary>One order and one item per (category, day): as many category rows as items.</summary>
    private static string Orders(int count) =>
        Csv("order_id,user_id,created_at", count, i => $"{i},{i % 97},{Day(i)}");

    private static string Items(int count) =>
        Csv("id,order_id,product_id,status,created_at,sale_price", count, i => $"{i},{i},{i % Categories + 1},delivered,{Day(i)},{i % 100}.25");

    private static string Day(int i) => new DateTime(2024, 1, 1).AddDays(i / Categories).ToString("yyyy-MM-dd'T'10:00:00", CultureInfo.InvariantCulture);

    private static string Csv(string header, int count, Func<int, string> row)
    {
        var csv = new StringBuilder(header).Append('\n');
        for (var i = 0; i < count; i++)
        {
            csv.Append(row(i)).Append('\n');
        }

        return csv.ToString();
    }
}
