using Amazon.DynamoDBv2.Model;
using Kpi.Shared.Runs;
using Kpi.Shared.Storage;
using Kpi.TestSupport;

namespace Kpi.Shared.Tests.Storage;

public sealed class DynamoRunStoreTests(DynamoDbLocal dynamo)
{
    private static readonly DateTimeOffset Start = new(2025, 3, 1, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task A_run_record_round_trips_with_its_stats_and_samples()
    {
        var tables = await dynamo.CreateTablesAsync();
        using var client = dynamo.CreateClient();
        var store = new DynamoRunStore(client, tables);
        var run = new KpiRun
        {
            RunId = "r1",
            Status = RunStatus.Failed,
            StartedAt = Start,
            FinishedAt = Start.AddSeconds(3),
            Source = "s3://bucket/Data/",
            Engine = "duckdb",
            Tables = [new("orders", 2, 100, 3)],
            RejectSamples =
            [
                new("orders", "orders_part1.csv", 7, "user_id", "x", "not an integer"),
                new("orders", "f", 9, "user_id", null, "missing value"),
                new("orders", "s3://bucket/Data/orders/p.csv", null, "user_id", "y", "not an integer"),
            ],
            UnknownProductItems = 4,
            UnknownOrderItems = 5,
            ObjectsRead = 2,
            BytesRead = 1234,
            Error = "boom",
        };

        await store.CreateAsync(run, CancellationToken.None);
        var read = await store.GetAsync("r1", CancellationToken.None);

        Assert.NotNull(read);
        Assert.Equal(run.Tables, read.Tables);
        Assert.Equal(run.RejectSamples, read.RejectSamples);
        Assert.Equal(run with { Tables = read.Tables, RejectSamples = read.RejectSamples }, read);
    }

    [Fact]
    public async Task Two_reads_of_an_unchanged_record_are_the_same_run_and_any_change_is_not()
    {
        var tables = await dynamo.CreateTablesAsync();
        using var client = dynamo.CreateClient();
        var store = new DynamoRunStore(client, tables);
        var run = Run("r1", RunStatus.Running, Start) with
        {
            Tables = [new("orders", 2, 100, 3)],
            RejectSamples = [new("orders", "orders_part1.csv", 7, "user_id", "x", "not an integer")],
        };
        await store.CreateAsync(run, CancellationToken.None);

        var first = (await store.GetAsync("r1", CancellationToken.None))!;
        var second = (await store.GetAsync("r1", CancellationToken.None))!;

        // The record's own equality compares the lists by reference: two reads differ by it.
        Assert.NotEqual(first, second);
        Assert.True(first.SameAs(second));
        Assert.True(run.SameAs(first));
        Assert.False(first.SameAs(null));
        Assert.False(first.SameAs(second with { Tables = [second.Tables[0] with { RowsRead = 101 }] }));
        Assert.False(first.SameAs(second with { RejectSamples = [] }));
        Assert.False(first.SameAs(second with { CategoryRowsWritten = 1 }));
    }

    [Fact]
    public async Task The_latest_runs_come_newest_first_and_the_latest_success_is_found_past_failures()
    {
        var tables = await dynamo.CreateTablesAsync();
        using var client = dynamo.CreateClient();
        var store = new DynamoRunStore(client, tables);
        for (var i = 0; i < 30; i++)
        {
            await store.CreateAsync(Run($"run-{i:D2}", i < 5 ? RunStatus.Succeeded : RunStatus.Failed, Start.AddMinutes(i)), CancellationToken.None);
        }

        var latest = await store.ListLatestAsync(20, CancellationToken.None);
        var succeeded = await store.GetLatestSucceededAsync(CancellationToken.None);

        Assert.Equal(Enumerable.Range(10, 20).Reverse().Select(i => $"run-{i:D2}"), latest.Select(r => r.RunId));
        Assert.Equal("run-04", succeeded?.RunId);
    }

    [Fact]
    public async Task Of_two_overlapping_successes_the_latest_is_the_one_that_finished_last()
    {
        var tables = await dynamo.CreateTablesAsync();
        using var client = dynamo.CreateClient();
        var store = new DynamoRunStore(client, tables);

        // The schedule's run starts first and finishes last; a run from the CLI starts and ends in between.
        await store.CreateAsync(Run("scheduled", RunStatus.Succeeded, Start) with { FinishedAt = Start.AddMinutes(30) }, CancellationToken.None);
        await store.CreateAsync(Run("cli", RunStatus.Succeeded, Start.AddMinutes(5)) with { FinishedAt = Start.AddMinutes(10) }, CancellationToken.None);
        await store.CreateAsync(Run("failed", RunStatus.Failed, Start.AddMinutes(20)) with { FinishedAt = Start.AddMinutes(40) }, CancellationToken.None);

        Assert.Equal("scheduled", (await store.GetLatestSucceededAsync(CancellationToken.None))?.RunId);
    }

    [Fact]
    public async Task A_sample_without_a_line_is_stored_without_one_and_shown_without_one()
    {
        var tables = await dynamo.CreateTablesAsync();
        using var client = dynamo.CreateClient();
        var sample = new RejectSample("orders", "s3://bucket/Data/orders/p.csv", null, "user_id", "y", "not an integer");

        await new DynamoRunStore(client, tables).CreateAsync(Run("no-line", RunStatus.Failed, Start) with { RejectSamples = [sample] }, CancellationToken.None);
        var item = await client.GetItemAsync(tables.RunsTable, new() { [RunAttributes.RunId] = new("no-line") }, CancellationToken.None);

        Assert.Equal([RunAttributes.Column, RunAttributes.File, RunAttributes.Reason, RunAttributes.Table, RunAttributes.Value],
            Assert.Single(item.Item[RunAttributes.RejectSamples].L).M.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("orders: s3://bucket/Data/orders/p.csv, column user_id: not an integer (value: 'y')", sample.ToString());
        Assert.Equal("orders: f.csv line 7, column user_id: not an integer (value: 'y')", (sample with { File = "f.csv", Line = 7 }).ToString());
    }

    /// <summary>Spark runs before the line became optional wrote 0 for "unknown": it is read as no line, never shown as line 0.</summary>
    [Fact]
    public async Task A_line_0_written_by_earlier_spark_runs_reads_as_no_line()
    {
        var tables = await dynamo.CreateTablesAsync();
        using var client = dynamo.CreateClient();
        var item = RunItems.ToItem(Run("line-0", RunStatus.Failed, Start) with { RejectSamples = [new("orders", "s3://b/p.csv", null, "user_id", "y", "not an integer")] });
        item[RunAttributes.RejectSamples].L[0].M[RunAttributes.Line] = new() { N = "0" };
        await client.PutItemAsync(tables.RunsTable, item, CancellationToken.None);

        var read = await new DynamoRunStore(client, tables).GetAsync("line-0", CancellationToken.None);

        Assert.Null(Assert.Single(read!.RejectSamples).Line);
    }

    [Fact]
    public async Task No_successful_run_gives_null()
    {
        var tables = await dynamo.CreateTablesAsync();
        using var client = dynamo.CreateClient();

        Assert.Null(await new DynamoRunStore(client, tables).GetLatestSucceededAsync(CancellationToken.None));
    }

    private static KpiRun Run(string id, RunStatus status, DateTimeOffset started) => new()
    {
        RunId = id,
        Status = status,
        StartedAt = started,
        Source = "src",
        Engine = "duckdb",
    };
}
