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
    public async Task Unprocessed_items_are_retried_until_written()
    {
        var tables = await dynamo.CreateTablesAsync();
        using var client = new PartialBatchClient(dynamo.Endpoint);
        var store = new DynamoKpiStore(client, tables, new BatchWriterSettings { BaseDelay = TimeSpan.FromMilliseconds(1) });
        var rows = Enumerable.Range(0, 60).Select(i => new OrderKpi(new DateOnly(2025, 1, 1).AddDays(i), i, i, i, 0, i)).ToList();

        var written = await store.WriteOrderKpisAsync(rows, "run-c", "t", CancellationToken.None);

        Assert.Equal(60, written);
        Assert.True(client.UnprocessedReturned > 0);
        Assert.All(client.RequestSizes, size => Assert.InRange(size, 1, BatchWriter.MaxRequestsPerCall));
        Assert.Equal(60, (await store.ReadOrderKpisAsync(CancellationToken.None)).Count);
    }

    [Fact]
    public async Task A_write_that_stops_part_way_says_how_many_items_were_written()
    {
        var tables = await dynamo.CreateTablesAsync();
        using var forwarder = new TcpForwarder(dynamo.Endpoint);
        forwarder.Open();
        var config = DynamoDbLocal.Config(forwarder.Address);
        config.MaxErrorRetry = 0;
        using var client = new FailingAfterClient(config, callsBeforeFailure: 2, forwarder);
        var store = new DynamoKpiStore(client, tables, new BatchWriterSettings { MaxCallsInFlight = 1, BaseDelay = TimeSpan.FromMilliseconds(1), MaxRetries = 2 });
        var rows = Enumerable.Range(0, 100).Select(i => new OrderKpi(new DateOnly(2025, 1, 1).AddDays(i), i, i, i, 0, i)).ToList();

        var error = await Assert.ThrowsAsync<PartialWriteException>(() => store.WriteOrderKpisAsync(rows, "run-e", "t", CancellationToken.None));

        Assert.Equal(50, error.Written);
        Assert.Contains("50 item(s) of " + tables.OrderTable + " were written before it stopped", error.Message);
        using var direct = dynamo.CreateClient();
        Assert.Equal(50, (await new DynamoKpiStore(direct, tables).ReadOrderKpisAsync(CancellationToken.None)).Count);
    }

    /// <summary>A real client whose connection goes away (the forwarder closes) after a number of batch calls.</summary>
    private sealed class FailingAfterClient(AmazonDynamoDBConfig config, int callsBeforeFailure, TcpForwarder forwarder)
        : AmazonDynamoDBClient(DynamoDbLocal.Credentials, config)
    {
        private int _calls;

        public override Task<BatchWriteItemResponse> BatchWriteItemAsync(BatchWriteItemRequest request, CancellationToken cancellationToken = default)
        {
            if (Interlocked.Increment(ref _calls) > callsBeforeFailure)
            {
                forwarder.Close();
            }

            return base.BatchWriteItemAsync(request, cancellationToken);
        }
    }

    [Fact]
    public async Task Items_that_stay_unprocessed_fail_clearly_after_the_retries()
    {
        var tables = await dynamo.CreateTablesAsync();
        using var client = new PartialBatchClient(dynamo.Endpoint) { NeverWrites = true };
        var store = new DynamoKpiStore(client, tables, new BatchWriterSettings { BaseDelay = TimeSpan.FromMilliseconds(1), MaxRetries = 3 });

        var error = await Assert.ThrowsAsync<PartialWriteException>(() =>
            store.WriteOrderKpisAsync([new OrderKpi(new DateOnly(2025, 1, 1), 1, 1, 1, 0, 1)], "run-d", "t", CancellationToken.None));

        Assert.Contains($"left 1 item(s) of table {tables.OrderTable} unprocessed after 3 retries", error.Message);
        Assert.Equal(0, error.Written);
    }
}
