using Kpi.Shared.Kpis;
using Kpi.Shared.Runs;

namespace Kpi.Dashboard.Data;

/// <summary>
/// The KPI tables as read at <see cref="LoadedAt"/>, with the newest successful run then, and how many items
/// were left out because they hold no KPI row (e.g. written by hand). One instance is shared by every circuit
/// and never changes: pages read it in place (<see cref="FilteredRows{T}"/>) and keep only their aggregates.
/// </summary>
public sealed record KpiSnapshot(
    IReadOnlyList<CategoryKpi> Categories,
    IReadOnlyList<OrderKpi> Orders,
    KpiRun? LatestRun,
    DateTimeOffset LoadedAt,
    int SkippedItems = 0)
{
    /// <summary>Category rows by day, then category: the tables' default order.</summary>
    public IReadOnlyList<CategoryKpi> Categories { get; } =
        [.. Categories.OrderBy(k => k.OrderDate).ThenBy(k => k.Category, StringComparer.Ordinal)];

    /// <summary>Order rows by day.</summary>
    public IReadOnlyList<OrderKpi> Orders { get; } = [.. Orders.OrderBy(k => k.OrderDate)];

    public bool IsEmpty => Categories.Count == 0 && Orders.Count == 0;

    /// <summary>Every date present in either table, ascending.</summary>
    public IReadOnlyList<DateOnly> Dates { get; } =
        [.. Categories.Select(k => k.OrderDate).Concat(Orders.Select(k => k.OrderDate)).Distinct().Order()];

    public IReadOnlyList<string> CategoryNames { get; } =
        [.. Categories.Select(k => k.Category).Distinct().Order(StringComparer.OrdinalIgnoreCase)];
}

/// <summary>What the reader can offer: a snapshot, an error, or a stale snapshot with the error that stopped its refresh.</summary>
public sealed record KpiReadResult(KpiSnapshot? Snapshot, string? Error)
{
    public bool IsStale => Snapshot is not null && Error is not null;
}
