using Kpi.Shared.Kpis;

namespace Kpi.Dashboard.Data;

/// <summary>Revenue and order value of one category over the filtered days.</summary>
public sealed record CategoryTotal(string Category, double SumAvgOrderValue, decimal Revenue, double Share);

/// <summary>
/// Everything the page shows, from one snapshot and one filter. Category visuals and cards follow both
/// filters; order visuals have no category, so only the date range applies to them.
/// </summary>
public sealed record DashboardFigures(
    IReadOnlyList<CategoryKpi> CategoryRows,
    IReadOnlyList<OrderKpi> OrderRows,
    double? AvgOrderValue,
    double? AvgReturnRate,
    double? AvgDailyRevenue,
    long TotalItemsSold,
    IReadOnlyList<CategoryTotal> ByOrderValue,
    IReadOnlyList<CategoryTotal> ByRevenue)
{
    public static DashboardFigures From(KpiSnapshot snapshot, DashboardFilter filter)
    {
        var categoryRows = snapshot.Categories
            .Where(k => filter.Includes(k.Category) && filter.Includes(k.OrderDate))
            .OrderBy(k => k.OrderDate).ThenBy(k => k.Category, StringComparer.Ordinal)
            .ToList();
        var orderRows = snapshot.Orders.Where(k => filter.Includes(k.OrderDate)).OrderBy(k => k.OrderDate).ToList();

        var revenue = categoryRows.Sum(k => k.DailyRevenue);
        var totals = categoryRows
            .GroupBy(k => k.Category, StringComparer.Ordinal)
            .Select(g => new CategoryTotal(
                g.Key,
                g.Sum(k => k.AvgOrderValue),
                g.Sum(k => k.DailyRevenue),
                revenue == 0 ? 0 : (double)(g.Sum(k => k.DailyRevenue) / revenue)))
            .ToList();

        return new DashboardFigures(
            categoryRows,
            orderRows,
            categoryRows.Count == 0 ? null : categoryRows.Average(k => k.AvgOrderValue),
            categoryRows.Count == 0 ? null : categoryRows.Average(k => k.AvgReturnRate),
            categoryRows.Count == 0 ? null : (double)categoryRows.Average(k => k.DailyRevenue),
            orderRows.Sum(k => k.TotalItemsSold),
            [.. totals.OrderByDescending(t => t.SumAvgOrderValue).ThenBy(t => t.Category, StringComparer.Ordinal)],
            [.. totals.OrderByDescending(t => t.Revenue).ThenBy(t => t.Category, StringComparer.Ordinal)]);
    }
}
