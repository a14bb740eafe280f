using Kpi.Dashboard.Data;
using Kpi.Shared.Kpis;
using Kpi.Shared.Runs;

namespace Kpi.Dashboard.Tests;

/// <summary>Fixed KPI rows: two categories over three days, and the order rows of those days.</summary>
internal static class SampleData
{
    public static readonly DateOnly Day1 = new(2025, 3, 1);
    public static readonly DateOnly Day2 = new(2025, 3, 2);
    public static readonly DateOnly Day3 = new(2025, 3, 3);

    public static IReadOnlyList<CategoryKpi> Categories { get; } =
    [
        new("Beauty", Day1, 1000m, 100, 0.1),
        new("Beauty", Day2, 3000m, 120, 0.3),
        new("Beauty", Day3, 2000m, 110, 0.2),
        new("Books", Day1, 500m, 50, 0.0),
        new("Books", Day2, 1500m, 60, 0.4),
        new("Books", Day3, 1000m, 70, 0.2),
    ];

    public static IReadOnlyList<OrderKpi> Orders { get; } =
    [
        new(Day1, 10, 1500m, 1200, 0.2, 9),
        new(Day2, 20, 4500m, 2400, 0.5, 18),
        new(Day3, 15, 3000m, 900, 0.3, 14),
    ];

    public static KpiRun Run { get; } = new()
    {
        RunId = "run-42",
        Status = RunStatus.Succeeded,
        StartedAt = new DateTimeOffset(2025, 3, 4, 6, 0, 0, TimeSpan.Zero),
        FinishedAt = new DateTimeOffset(2025, 3, 4, 6, 1, 0, TimeSpan.Zero),
        Source = "s3://bucket/Data",
        Engine = "duckdb",
    };

    public static KpiSnapshot Snapshot(IReadOnlyList<CategoryKpi>? categories = null) =>
        new(categories ?? Categories, Orders, Run, DateTimeOffset.UnixEpoch);
}
