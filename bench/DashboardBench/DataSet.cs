using Amazon.DynamoDBv2;
using Kpi.Shared.Kpis;
using Kpi.Shared.Runs;
using Kpi.Shared.Storage;

namespace Kpi.DashboardBench;

/// <summary>
/// A deterministic set of KPI rows: every category on every day, one order row a day. Written to its own
/// tables in DynamoDB Local through the project's own store (<see cref="DynamoKpiStore"/>), with one
/// successful run record, as the pipeline leaves them.
/// </summary>
internal sealed record DataSet(string Name, int Days, int Categories)
{
    public static readonly DateOnly FirstDay = new(2023, 1, 1);

    public static DataSet OneMonth { get; } = new("1 month × 7 categories", 31, 7);

    public static DataSet ThreeYears { get; } = new("3 years × 50 categories", 1095, 50);

    public KpiTableOptions Tables { get; } = new()
    {
        CategoryTable = $"bench_category_{Days}x{Categories}",
        OrderTable = $"bench_order_{Days}x{Categories}",
        RunsTable = $"bench_runs_{Days}x{Categories}",
    };

    public int CategoryRows => Days * Categories;

    public IEnumerable<CategoryKpi> CategoryKpis()
    {
        var random = new Random(Days * 1000 + Categories);
        for (var day = 0; day < Days; day++)
        {
            for (var c = 0; c < Categories; c++)
            {
                var orders = random.Next(5, 60);
                var aov = Math.Round(40 + (c * 3) + (random.NextDouble() * 60), 2);
                yield return new CategoryKpi(CategoryName(c), FirstDay.AddDays(day), Math.Round((decimal)(orders * aov), 2), aov, Math.Round(random.NextDouble() * 0.4, 4));
            }
        }
    }

    public IEnumerable<OrderKpi> OrderKpis()
    {
        var random = new Random(Days);
        for (var day = 0; day < Days; day++)
        {
            var orders = random.Next(100, 2000);
            yield return new OrderKpi(FirstDay.AddDays(day), orders, Math.Round(orders * (decimal)(50 + (random.NextDouble() * 80)), 2), orders * 2, Math.Round(random.NextDouble() * 0.3, 4), orders * 9 / 10);
        }
    }

    public static string CategoryName(int index) => index < Names.Length ? Names[index] : $"Category {index + 1:D2}";

    private static readonly string[] Names = ["Beauty", "Books", "Clothing", "Electronics", "Home & Kitchen", "Sports", "Toys"];

    public async Task SeedAsync(IAmazonDynamoDB dynamo, CancellationToken cancellationToken)
    {
        await TableSchemas.EnsureTablesAsync(dynamo, Tables, cancellationToken);
        var store = new DynamoKpiStore(dynamo, Tables);
        const string RunId = "bench-run";
        const string ComputedAt = "2026-01-01T06:00:00.0000000Z";
        await store.WriteCategoryKpisAsync(CategoryKpis(), RunId, ComputedAt, cancellationToken);
        await store.WriteOrderKpisAsync(OrderKpis(), RunId, ComputedAt, cancellationToken);
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
