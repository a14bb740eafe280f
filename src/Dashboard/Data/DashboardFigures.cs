using Kpi.Shared.Kpis;

namespace Kpi.Dashboard.Data;

/// <summary>Revenue and order value of one category over the filtered days.</summary>
public sealed record CategoryTotal(string Category, double SumAvgOrderValue, decimal Revenue, double Share);

/// <summary>
/// Everything the page shows, from one snapshot and one filter, aggregated before rendering: cards, one total per
/// category, the order series in at most a few hundred points, and the filtered rows as views over the shared
/// snapshot (for the tables' pages and CSV downloads). Category visuals and cards follow both filters; order
/// visuals have no category, so only the date range applies to them.
/// </summary>
public sealed record DashboardFigures(
    FilteredRows<CategoryKpi> CategoryRows,
    FilteredRows<OrderKpi> OrderRows,
    double? AvgOrderValue,
    double? AvgReturnRate,
    double? AvgDailyRevenue,
    long TotalItemsSold,
    IReadOnlyList<CategoryTotal> ByOrderValue,
    IReadOnlyList<CategoryTotal> ByRevenue,
    OrderSeries Orders)
{
    public static DashboardFigures From(KpiSnapshot snapshot, DashboardFilter filter)
    {
        var categoryRows = new FilteredRows<CategoryKpi>(snapshot.Categories, k => filter.Includes(k.OrderDate) && filter.Includes(k.Category));
        var orderRows = new FilteredRows<OrderKpi>(snapshot.Orders, k => filter.Includes(k.OrderDate));

        // One pass over the kept rows: sums per category, from which the cards and the category charts follow.
        var sums = new Dictionary<string, CategorySums>(StringComparer.Ordinal);
        foreach (var row in categoryRows)
        {
            var category = sums.TryGetValue(row.Category, out var found) ? found : sums[row.Category] = new CategorySums();
            category.Add(row);
        }

        var rows = categoryRows.Count;
        var revenue = sums.Values.Sum(s => s.Revenue);
        var totals = sums.Select(s => new CategoryTotal(s.Key, s.Value.AvgOrderValue, s.Value.Revenue, revenue == 0 ? 0 : (double)(s.Value.Revenue / revenue))).ToList();
        return new DashboardFigures(
            categoryRows,
            orderRows,
            rows == 0 ? null : sums.Values.Sum(s => s.AvgOrderValue) / rows,
            rows == 0 ? null : sums.Values.Sum(s => s.AvgReturnRate) / rows,
            rows == 0 ? null : (double)(revenue / rows),
            orderRows.Sum(k => k.TotalItemsSold),
            [.. totals.OrderByDescending(t => t.SumAvgOrderValue).ThenBy(t => t.Category, StringComparer.Ordinal)],
            [.. totals.OrderByDescending(t => t.Revenue).ThenBy(t => t.Category, StringComparer.Ordinal)],
            OrderSeries.From(orderRows));
    }

    private sealed class CategorySums
    {
        public double AvgOrderValue { get; private set; }

        public double AvgReturnRate { get; private set; }

        public decimal Revenue { get; private set; }

        public void Add(CategoryKpi row)
        {
            AvgOrderValue += row.AvgOrderValue;
            AvgReturnRate += row.AvgReturnRate;
            Revenue += row.DailyRevenue;
        }
    }
}
