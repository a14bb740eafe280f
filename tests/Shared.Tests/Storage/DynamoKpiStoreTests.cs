using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Kpi.Shared.Kpis;
using Kpi.Shared.Storage;
using Kpi.TestSupport;

namespace Kpi.Shared.Tests.Storage;

public sealed class DynamoKpiStoreTests(DynamoDbLocal dynamo)
{
    [Fact]
    public async Task Many_batches_round_trip_with_exact_numbers()
    {
        var tables = await dynamo.CreateTablesAsync();
        using var client = dynamo.CreateClient();
        var store = new DynamoKpiStore(client, tables);
        var rows = Enumerable.Range(0, 130)
            .Select(i => new CategoryKpi($"cat-{i % 7}", new DateOnly(2025, 1, 1).AddDays(i), 1234567890123.4567890123m + i, 1.0 / 3 + i, 1e-9 * i))
            .ToList();

        var written = await store.WriteCategoryKpisAsync(rows, "run-a", "2025-01-01T00:00:00.0000000Z", CancellationToken.None);
        var read = await store.ReadCategoryKpisAsync(CancellationToken.None);

        Assert.Equal(130, written);
        Assert.Equal(rows.OrderBy(r => r.OrderDate), read.OrderBy(r => r.OrderDate));
    }

    [Fact]
    public async Task Order_items_carry_run_id_and_computed_at_and_reads_use_the_contract_names()
    {
        var tables = await dynamo.CreateTablesAsync();
        using var client = dynamo.CreateClient();
        var store = new DynamoKpiStore(client, tables);
        var row = new OrderKpi(new DateOnly(2025, 3, 1), 10, 99.99m, 12, 0.2, 9);

        await store.WriteOrderKpisAsync([row], "run-b", "2025-03-02T00:00:00.0000000Z", CancellationToken.None);

        var item = (await client.GetItemAsync(tables.OrderTable, new() { ["order_date"] = new AttributeValue { S = "2025-03-01" } }, TestContext.Current.CancellationToken)).Item;
        Assert.Equal(
            ["computed_at", "order_date", "return_rate", "run_id", "total_items_sold", "total_orders", "total_revenue", "unique_customers"],
            item.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(("run-b", "99.99", "0.2"), (item["run_id"].S, item["total_revenue"].N, item["return_rate"].N));
        Assert.Equal(row, Assert.Single(await store.ReadOrderKpisAsync(CancellationToken.None)));
    }

    [Fact]
    public async Task Every_item_is_written_and_acknowledged_once_through_unprocessed_items_throttling_and_lost_answers()
    {
        var tables = await dynamo.CreateTablesAsync();
        var faults = new DynamoDbFaults { UnprocessedEvery = 3, ThrottleEvery = 5, LoseAnswerEvery = 7 };
        await using var proxy = await faults.StartProxyAsync(dynamo.Endpoint, holdUntilInFlight: 4);
        using var client = ClientOf(proxy);
        // About half of all calls meet a fault here, so by estimate (0.54^11) a batch exhausts the default 10 retries in
        // roughly 1 of 1,000 cases: over 40 batches, a few runs in a hundred. With 30, never in practice.
        var store = new DynamoKpiStore(client, tables, new BatchWriterSettings
        {
            MaxCallsInFlight = 4, MaxRetries = 30, BaseDelay = TimeSpan.FromMilliseconds(1), MaxDelay = TimeSpan.FromMilliseconds(20),
        });
        var rows = Enumerable.Range(0, 1000)
            .Select(i => new CategoryKpi($"cat-{i % 10}", new DateOnly(2025, 1, 1).AddDays(i / 10), 10.5m + i, i / 3.0, 1.0 / (i + 1)))
            .ToList();

        var written = await store.WriteCategoryKpisAsync(rows, "run-c", "t", CancellationToken.None);

        Assert.Equal(1000, written);
        Assert.True(faults is { UnprocessedReturned: > 0, Throttled: > 0, AnswersLost: > 0 }, "every kind of fault happened");
        var acknowledged = faults.Acknowledged.Select(item => $"{item["category"]!["S"]}|{item["order_date"]!["S"]}").ToList();
        Assert.Equal(1000, acknowledged.Count);
        Assert.Equal(1000, acknowledged.Distinct().Count());
        Assert.All(faults.RequestSizes, size => Assert.InRange(size, 1, BatchWriter.MaxRequestsPerCall));
        Assert.Equal(4, proxy.PeakInFlight);
        using var direct = dynamo.CreateClient();
        var read = await new DynamoKpiStore(direct, tables).ReadCategoryKpisAsync(CancellationToken.None);
        Assert.Equal(rows.OrderBy(r => r.Category).ThenBy(r => r.OrderDate), read.OrderBy(r => r.Category).ThenBy(r => r.OrderDate));
    }

    [Fact]
    public async Task A_write_that_stops_part_way_says_how_many_items_were_written()
    {
        var tables = await dynamo.CreateTablesAsync();
        var faults = new DynamoDbFaults { FailAfter = 2 };
        await using var proxy = await faults.StartProxyAsync(dynamo.Endpoint);
        using var client = ClientOf(proxy);
        var store = new DynamoKpiStore(client, tables, new BatchWriterSettings { MaxCallsInFlight = 1, BaseDelay = TimeSpan.FromMilliseconds(1), MaxRetries = 2 });
        var rows = Enumerable.Range(0, 100).Select(i => new OrderKpi(new DateOnly(2025, 1, 1).AddDays(i), i, i, i, 0, i)).ToList();

        var error = await Assert.ThrowsAsync<PartialWriteException>(() => store.WriteOrderKpisAsync(rows, "run-e", "t", CancellationToken.None));

        Assert.Equal(50, error.Written);
        Assert.Contains("50 item(s) of " + tables.OrderTable + " were written before it stopped", error.Message);
        Assert.Equal(2 + 3, faults.Calls);
        using var direct = dynamo.CreateClient();
        Assert.Equal(50, (await new DynamoKpiStore(direct, tables).ReadOrderKpisAsync(CancellationToken.None)).Count);
    }

    [Fact]
    public async Task Items_that_stay_unprocessed_fail_clearly_after_the_retries()
    {
        var tables = await dynamo.CreateTablesAsync();
        var faults = new DynamoDbFaults { NeverProcess = true };
        await using var proxy = await faults.StartProxyAsync(dynamo.Endpoint);
        using var client = ClientOf(proxy);
        var store = new DynamoKpiStore(client, tables, new BatchWriterSettings { BaseDelay = TimeSpan.FromMilliseconds(1), MaxRetries = 3 });

        var error = await Assert.ThrowsAsync<PartialWriteException>(() =>
            store.WriteOrderKpisAsync([new OrderKpi(new DateOnly(2025, 1, 1), 1, 1, 1, 0, 1)], "run-d", "t", CancellationToken.None));

        Assert.Contains($"left 1 item(s) of table {tables.OrderTable} unprocessed after 3 retries", error.Message);
        Assert.Equal(0, error.Written);
        Assert.Equal(1 + 3, faults.Calls);
    }

    /// <summary>A client through the proxy; the SDK's own retries off, so the writer's retries meet every fault.</summary>
    private static AmazonDynamoDBClient ClientOf(HttpPassThrough proxy)
    {
        var config = DynamoDbLocal.Config(proxy.Address);
        config.MaxErrorRetry = 0;
        return new AmazonDynamoDBClient(DynamoDbLocal.Credentials, config);
    }
}
