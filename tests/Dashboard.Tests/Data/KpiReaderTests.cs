using Amazon.DynamoDBv2.Model;
using Kpi.Dashboard.Data;
using Kpi.Shared.Kpis;
using Kpi.Shared.Storage;
using Kpi.TestSupport;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace Kpi.Dashboard.Tests.Data;

public sealed class KpiReaderTests(DynamoDbLocal dynamo)
{
    [Fact]
    public async Task Reads_the_tables_and_the_latest_successful_run()
    {
        var tables = await DashboardStore.SeedAsync(dynamo, SampleData.Categories, SampleData.Orders, SampleData.Run);
        using var client = dynamo.CreateClient();

        var result = await DashboardStore.Reader(client, tables).ReadAsync(TestContext.Current.CancellationToken);

        Assert.Null(result.Error);
        Assert.Equal(SampleData.Categories.OrderBy(k => k.Category).ThenBy(k => k.OrderDate), result.Snapshot!.Categories.OrderBy(k => k.Category).ThenBy(k => k.OrderDate));
        Assert.Equal(3, result.Snapshot.Orders.Count);
        Assert.Equal("run-42", result.Snapshot.LatestRun?.RunId);
    }

    [Fact]
    public async Task Within_the_check_interval_every_caller_gets_the_same_snapshot()
    {
        var tables = await DashboardStore.SeedAsync(dynamo, SampleData.Categories, SampleData.Orders, SampleData.Run);
        using var client = dynamo.CreateClient();
        var time = new ManualTime();
        var reader = DashboardStore.Reader(client, tables, time);

        var first = await reader.ReadAsync(TestContext.Current.CancellationToken);
        await new DynamoKpiStore(client, tables).WriteCategoryKpisAsync([new CategoryKpi("Toys", SampleData.Day1, 1, 1, 0)], "x", "t", TestContext.Current.CancellationToken);
        time.Now += KpiReader.CheckInterval / 2;
        var second = await reader.ReadAsync(TestContext.Current.CancellationToken);

        Assert.Same(first.Snapshot, second.Snapshot);
    }

    [Fact]
    public async Task Tables_are_read_again_only_when_a_newer_successful_run_appears()
    {
        var tables = await DashboardStore.SeedAsync(dynamo, SampleData.Categories, SampleData.Orders, SampleData.Run);
        using var client = dynamo.CreateClient();
        var time = new ManualTime();
        var reader = DashboardStore.Reader(client, tables, time);
        var first = await reader.ReadAsync(TestContext.Current.CancellationToken);

        time.Now += KpiReader.CheckInterval * 2;
        var unchanged = await reader.ReadAsync(TestContext.Current.CancellationToken);
        await new DynamoKpiStore(client, tables).WriteCategoryKpisAsync([new CategoryKpi("Toys", SampleData.Day1, 1, 1, 0)], "run-43", "t", TestContext.Current.CancellationToken);
        await new DynamoRunStore(client, tables).CreateAsync(
            SampleData.Run with { RunId = "run-43", StartedAt = SampleData.Run.StartedAt.AddHours(1) }, TestContext.Current.CancellationToken);
        time.Now += KpiReader.CheckInterval * 2;
        var refreshed = await reader.ReadAsync(TestContext.Current.CancellationToken);

        Assert.Same(first.Snapshot, unchanged.Snapshot);
        Assert.Equal("run-43", refreshed.Snapshot!.LatestRun?.RunId);
        Assert.Contains("Toys", refreshed.Snapshot.CategoryNames);
    }

    [Fact]
    public async Task The_reader_recovers_by_itself_when_the_store_is_back_and_keeps_old_figures_meanwhile()
    {
        var tables = await DashboardStore.SeedAsync(dynamo, SampleData.Categories, SampleData.Orders, SampleData.Run);
        using var forwarder = new TcpForwarder(dynamo.Endpoint);
        using var client = DashboardStore.Through(forwarder.Address);
        var time = new ManualTime();
        var reader = DashboardStore.Reader(client, tables, time);

        var down = await reader.ReadAsync(TestContext.Current.CancellationToken);
        forwarder.Open();
        var up = await reader.ReadAsync(TestContext.Current.CancellationToken);
        forwarder.Close();
        time.Now += KpiReader.CheckInterval * 2;
        var downAgain = await reader.ReadAsync(TestContext.Current.CancellationToken);

        Assert.Null(down.Snapshot);
        Assert.NotNull(down.Error);
        Assert.Null(up.Error);
        Assert.Equal(6, up.Snapshot!.Categories.Count);
        Assert.True(downAgain.IsStale);
        Assert.Same(up.Snapshot, downAgain.Snapshot);
    }

    [Fact]
    public async Task Pages_take_the_current_snapshot_without_reading_once_there_is_one_and_learn_of_a_failed_check()
    {
        var tables = await DashboardStore.SeedAsync(dynamo, SampleData.Categories, SampleData.Orders, SampleData.Run);
        using var forwarder = new TcpForwarder(dynamo.Endpoint);
        using var client = DashboardStore.Through(forwarder.Address);
        var time = new ManualTime();
        var reader = DashboardStore.Reader(client, tables, time);
        forwarder.Open();

        var first = await reader.CurrentAsync(TestContext.Current.CancellationToken);
        forwarder.Close();
        time.Now += KpiReader.CheckInterval * 2;
        var withoutReading = await reader.CurrentAsync(TestContext.Current.CancellationToken);
        var check = await reader.ReadAsync(TestContext.Current.CancellationToken);
        var afterTheCheck = await reader.CurrentAsync(TestContext.Current.CancellationToken);

        Assert.Equal(6, first.Snapshot!.Categories.Count);
        Assert.Same(first.Snapshot, withoutReading.Snapshot);
        Assert.Null(withoutReading.Error);
        Assert.True(check.IsStale);
        Assert.True(afterTheCheck.IsStale);
        Assert.Same(first.Snapshot, afterTheCheck.Snapshot);
    }

    [Fact]
    public async Task An_unreachable_store_gives_an_error_not_an_exception()
    {
        using var client = DashboardStore.Unreachable();

        var result = await DashboardStore.Reader(client, new KpiTableOptions()).ReadAsync(TestContext.Current.CancellationToken);

        Assert.Null(result.Snapshot);
        Assert.Equal("The KPI store (DynamoDB) cannot be reached right now.", result.Error);
    }

    [Fact]
    public async Task Items_that_hold_no_kpi_row_are_left_out_counted_and_the_rest_is_shown()
    {
        var tables = await DashboardStore.SeedAsync(dynamo, SampleData.Categories, SampleData.Orders, SampleData.Run);
        using var client = dynamo.CreateClient();
        await DashboardStore.PutMalformedItemsAsync(client, tables);

        var result = await DashboardStore.Reader(client, tables).ReadAsync(TestContext.Current.CancellationToken);

        Assert.Null(result.Error);
        Assert.Equal((6, 3, 2), (result.Snapshot!.Categories.Count, result.Snapshot.Orders.Count, result.Snapshot.SkippedItems));
    }

    [Fact]
    public async Task A_left_out_item_is_logged_with_its_key_and_reason_as_one_line_whatever_they_hold()
    {
        var tables = await DashboardStore.SeedAsync(dynamo, SampleData.Categories, SampleData.Orders, SampleData.Run);
        using var client = dynamo.CreateClient();
        // Written by hand to forge a log line: a newline and a terminal escape in the key, and in the date, which
        // the reason quotes ("String '…' was not recognized as a valid DateOnly").
        await client.PutItemAsync(tables.CategoryTable, new Dictionary<string, AttributeValue>
        {
            ["category"] = new() { S = "Beauty\nwarn: Kpi.Dashboard.Data.KpiReader[3]\u001b[2J" },
            ["order_date"] = new() { S = "2025-03-01\r\ncrit: forged" },
            ["daily_revenue"] = new() { N = "1" },
            ["avg_order_value"] = new() { N = "1" },
            ["avg_return_rate"] = new() { N = "0" },
        }, TestContext.Current.CancellationToken);
        var logger = new FakeLogger<KpiReader>();

        var result = await DashboardStore.Reader(client, tables, logger: logger).ReadAsync(TestContext.Current.CancellationToken);

        Assert.Equal(1, result.Snapshot!.SkippedItems);
        var warning = Assert.Single(logger.Collector.GetSnapshot(), record => record.Level == LogLevel.Warning);
        Assert.DoesNotContain(warning.Message, c => char.IsControl(c));
        Assert.Contains("category=Beauty\\u000awarn: Kpi.Dashboard.Data.KpiReader[3]\\u001b[2J", warning.Message);
        Assert.Contains("2025-03-01\\u000d\\u000acrit: forged", warning.Message);
    }

    [Fact]
    public async Task A_missing_table_is_named_as_the_cause_not_an_unreachable_store()
    {
        using var client = dynamo.CreateClient();

        var result = await DashboardStore.Reader(client, new KpiTableOptions { CategoryTable = "no_such_table", RunsTable = "no_such_runs" })
            .ReadAsync(TestContext.Current.CancellationToken);

        Assert.Null(result.Snapshot);
        Assert.Equal("A KPI table does not exist in DynamoDB yet; it appears with the first pipeline run.", result.Error);
    }
}
