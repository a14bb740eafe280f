using Amazon.DynamoDBv2;
using Kpi.Shared.Runs;
using Kpi.Shared.Storage;
using Kpi.TestSupport;

namespace Kpi.DashboardBench;

/// <summary>
/// One size of synthetic KPI rows (<see cref="SyntheticKpis"/>), written to its own tables in DynamoDB Local
/// through the project's own store (<see cref="DynamoKpiStore"/>), with one successful run record, as the
/// pipeline leaves them.
/// </summary>
internal sealed record DataSet(string Name, SyntheticKpis Rows)
{
    public static DataSet OneMonth { get; } = new("1 month × 7 categories", SyntheticKpis.OneMonth);

    public static DataSet ThreeYears { get; } = new("3 years × 50 categories", SyntheticKpis.ThreeYears);

    public int Days => Rows.Days;

    public int Categories => Rows.Categories;

    public int CategoryRows => Days * Categories;

    public KpiTableOptions Tables { get; } = new()
    {
        CategoryTable = $"bench_category_{Rows.Days}x{Rows.Categories}",
        OrderTable = $"bench_order_{Rows.Days}x{Rows.Categories}",
        RunsTable = $"bench_runs_{Rows.Days}x{Rows.Categories}",
    };

    public async Task SeedAsync(IAmazonDynamoDB dynamo, CancellationToken cancellationToken)
    {
        await TableSchemas.EnsureTablesAsync(dynamo, Tables, cancellationToken);
        var store = new DynamoKpiStore(dynamo, Tables);
        const string RunId = "bench-run";
        const string ComputedAt = "2026-01-01T06:00:00.0000000Z";
        await store.WriteCategoryKpisAsync(Rows.CategoryKpis(), RunId, ComputedAt, cancellationToken);
        await store.WriteOrderKpisAsync(Rows.OrderKpis(), RunId, ComputedAt, cancellationToken);
        await new DynamoRunStore(dynamo, Tables).CreateAsync(new KpiRun
        {
            RunId = RunId,
            Status = RunStatus.Succeeded,
            StartedAt = new DateTimeOffset(2026, 1, 1, 6, 0, 0, TimeSpan.Zero),
            FinishedAt = new DateTimeOffset(2026, 1, 1, 6, 1, 0, TimeSpan.Zero),
            Source = "bench",
            Engine = "duckdb",
        }, cancellationToken);
    }
}
