using Kpi.Dashboard.Data;

namespace Kpi.Dashboard.Tests.Data;

public sealed class DashboardFiguresTests
{
    [Fact]
    public void Without_a_filter_cards_average_category_rows_and_sum_order_rows()
    {
        var figures = DashboardFigures.From(SampleData.Snapshot(), DashboardFilter.All);

        Assert.Equal(85.0, figures.AvgOrderValue!.Value, 10);
        Assert.Equal(0.2, figures.AvgReturnRate!.Value, 10);
        Assert.Equal(1500.0, figures.AvgDailyRevenue!.Value, 10);
        Assert.Equal(4500, figures.TotalItemsSold);
    }

    [Fact]
    public void The_category_filter_applies_to_category_figures_only()
    {
        var figures = DashboardFigures.From(SampleData.Snapshot(), new DashboardFilter(["Books"], null, null));

        Assert.Equal(60.0, figures.AvgOrderValue!.Value, 10);
        Assert.Equal(["Books"], figures.ByRevenue.Select(t => t.Category));
        Assert.Equal(4500, figures.TotalItemsSold);
        Assert.Equal(3, figures.OrderRows.Count);
    }

    [Fact]
    public void The_date_range_applies_to_everything_inclusively()
    {
        var figures = DashboardFigures.From(SampleData.Snapshot(), new DashboardFilter([], SampleData.Day2, SampleData.Day3));

        Assert.Equal(4, figures.CategoryRows.Count);
        Assert.Equal(3300, figures.TotalItemsSold);
        Assert.Equal([SampleData.Day2, SampleData.Day3], figures.OrderRows.Select(k => k.OrderDate));
        Assert.Equal(1875.0, figures.AvgDailyRevenue!.Value, 10);
    }

    [Fact]
    public void Category_totals_are_ranked_with_shares_that_add_up()
    {
        var figures = DashboardFigures.From(SampleData.Snapshot(), DashboardFilter.All);

        Assert.Equal([("Beauty", 6000m), ("Books", 3000m)], figures.ByRevenue.Select(t => (t.Category, t.Revenue)));
        Assert.Equal(2.0 / 3, figures.ByRevenue[0].Share, 10);
        Assert.Equal(1.0, figures.ByRevenue.Sum(t => t.Share), 10);
        Assert.Equal([("Beauty", 330.0), ("Books", 180.0)], figures.ByOrderValue.Select(t => (t.Category, t.SumAvgOrderValue)));
    }

    [Fact]
    public void A_filter_matching_nothing_gives_no_card_values()
    {
        var figures = DashboardFigures.From(SampleData.Snapshot(), new DashboardFilter(["Toys"], null, null));

        Assert.Null(figures.AvgOrderValue);
        Assert.Empty(figures.ByRevenue);
    }
}
