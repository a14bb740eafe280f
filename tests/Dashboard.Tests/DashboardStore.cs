using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Kpi.Dashboard.Data;
using Kpi.Shared.Kpis;
using Kpi.Shared.Runs;
using Kpi.Shared.Storage;
using Kpi.TestSupport;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Kpi.Dashboard.Tests;

/// <summary>KPI tables in DynamoDB Local holding given rows, and readers over them (or over nothing).</summary>
internal static class DashboardStore
{
    public static async Task<KpiTableOptions> SeedAsync(DynamoDbLocal dynamo, IReadOnlyList<CategoryKpi> categories, IReadOnlyList<OrderKpi> orders, KpiRun? run)
    {
        var tables = await dynamo.CreateTablesAsync();
        using var client = dynamo.CreateClient();
        var store = new DynamoKpiStore(client, tables);
        await store.WriteCategoryKpisAsync(categories, run?.RunId ?? "seed", "2025-03-04T06:01:00.0000000Z", CancellationToken.None);
        await store.WriteOrderKpisAsync(orders, run?.RunId ?? "seed", "2025-03-04T06:01:00.0000000Z", CancellationToken.None);
        if (run is not null)
        {
            await new DynamoRunStore(client, tables).CreateAsync(run, CancellationToken.None);
        }

        return tables;
    }

    /// <summary>Items written by hand that hold no KPI row: a revenue as text in the category table, no date in the order table.</summary>
    public static async Task PutMalformedItemsAsync(IAmazonDynamoDB client, KpiTableOptions tables)
    {
        await client.PutItemAsync(tables.CategoryTable, new Dictionary<string, AttributeValue>
        {
            ["category"] = new() { S = "Hand-made" },
            ["order_date"] = new() { S = "2025-03-01" },
            ["daily_revenue"] = new() { S = "lots" },
        });
        await client.PutItemAsync(tables.OrderTable, new Dictionary<string, AttributeValue>
        {
            ["order_date"] = new() { S = "March" },
            ["total_orders"] = new() { N = "1" },
        });
    }

    public static KpiReader Reader(IAmazonDynamoDB client, KpiTableOptions tables, TimeProvider? time = null, ILogger<KpiReader>? logger = null) =>
        new(client, Options.Create(tables), time ?? TimeProvider.System, logger ?? NullLogger<KpiReader>.Instance);

    /// <summary>A client for a loopback port nobody listens on: DynamoDB "unreachable".</summary>
    public static IAmazonDynamoDB Unreachable() => Through(new Uri($"http://127.0.0.1:{LocalProcess.FreePort()}"));

    /// <summary>A client for a local endpoint that fails fast (no SDK retries).</summary>
    public static IAmazonDynamoDB Through(Uri endpoint)
    {
        var config = DynamoDbLocal.Config(endpoint);
        config.MaxErrorRetry = 0;
        return new AmazonDynamoDBClient(DynamoDbLocal.Credentials, config);
    }
}

/// <summary>A clock the test moves by hand.</summary>
internal sealed class ManualTime : TimeProvider
{
    public DateTimeOffset Now { get; set; } = new(2025, 3, 5, 0, 0, 0, TimeSpan.Zero);

    public override DateTimeOffset GetUtcNow() => Now;
}
