using Kpi.Shared.Kpis;

namespace Kpi.Dashboard.Data;

/// <summary>Revenue and order value of one category over the filtered days.</summary>
public sealed record CategoryTotal(string Category, double SumAvgOrderValue, double Revenue);

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
    double TotalItemsSold,
    IReadOnlyList<CategoryTotal> ByOrderValue,
    IReadOnlyList<CategoryTotal> ByRevenue,
    OrderSeries Orders)
{
    /// <summary>
    /// Categories whose revenue is below zero (refunds), largest first: the donut cannot draw a negative share, so it
    /// leaves them out and the page names them under it.
    /// </summary>
    public IReadOnlyList<string> NegativeRevenue { get; } = [.. ByRevenue.Where(t => t.Revenue < 0).Select(t => t.Category)];

    public static DashboardFigures From(KpiSnapshot snapshot, DashboardFilter filter)
    {
        var categoryRows = new FilteredRows<CategoryKpi>(snapshot.Categories, k => filter.Includes(k.OrderDate) && filter.Includes(k.Category));
        var orderRows = new FilteredRows<OrderKpi>(snapshot.Orders, k => filter.Includes(k.OrderDate));

        // One pass over the kept rows: sums per category, from which the cards and the category charts follow.
        var sums = new Dictionary<string, CategorySums>(StringComparer.Ordinal);
        var revenue = new KpiSum();
        foreach (var row in categoryRows)
        {
            var category = sums.TryGetValue(row.Category, out var found) ? found : sums[row.Category] = new CategorySums();
            category.Add(row);
            revenue.Add(row.DailyRevenue);
        }

        var rows = categoryRows.Count;
        var totals = sums.Select(s => new CategoryTotal(s.Key, s.Value.AvgOrderValue, s.Value.Revenue.Value)).ToList();
        return new DashboardFigures(
            categoryRows,
            orderRows,
            rows == 0 ? null : sums.Values.Sum(s => s.AvgOrderValue) / rows,
            rows == 0 ? null : sums.Values.Sum(s => s.AvgReturnRate) / rows,
            rows == 0 ? null : revenue.Value / rows,
            KpiSum.Of(orderRows, k => k.TotalItemsSold),
            [.. totals.OrderByDescending(t => t.SumAvgOrderValue).ThenBy(t => t.Category, StringComparer.Ordinal)],
            [.. totals.OrderByDescending(t => t.Revenue).ThenBy(t => t.Category, StringComparer.Ordinal)],
            OrderSeries.From(orderRows));
    }

    private sealed class CategorySums
    {
        public double AvgOrderValue { get; private set; }

        public double AvgReturnRate { get; private set; }

        private KpiSum _revenue;

        public KpiSum Revenue => _revenue;

        public void Add(CategoryKpi row)
        {
            AvgOrderValue += row.AvgOrderValue;
            AvgReturnRate += row.AvgReturnRate;
            _revenue.Add(row.DailyRevenue);
        }
    }
}
