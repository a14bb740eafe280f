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
    public void Category_totals_are_ranked()
    {
        var figures = DashboardFigures.From(SampleData.Snapshot(), DashboardFilter.All);

        Assert.Equal([("Beauty", 6000.0), ("Books", 3000.0)], figures.ByRevenue.Select(t => (t.Category, t.Revenue)));
        Assert.Equal([("Beauty", 330.0), ("Books", 180.0)], figures.ByOrderValue.Select(t => (t.Category, t.SumAvgOrderValue)));
        Assert.Empty(figures.NegativeRevenue);
    }

    [Fact]
    public void Categories_whose_refunds_exceed_their_sales_are_ranked_last_and_named_for_the_donut_note()
    {
        var figures = DashboardFigures.From(
            SampleData.Snapshot([.. SampleData.Categories, new("Refunds", SampleData.Day1, -4000m, -50, 0), new("Returns", SampleData.Day2, -10m, 1, 0)]),
            DashboardFilter.All);

        Assert.Equal([("Beauty", 6000.0), ("Books", 3000.0), ("Returns", -10.0), ("Refunds", -4000.0)], figures.ByRevenue.Select(t => (t.Category, t.Revenue)));
        Assert.Equal(["Returns", "Refunds"], figures.NegativeRevenue);
        Assert.Equal((9000.0 - 4010) / 8, figures.AvgDailyRevenue!.Value, 10);
    }

    [Fact]
    public void Figures_past_the_limits_of_decimal_and_long_are_large_cards_not_an_overflow()
    {
        // Items written by hand: two revenues near decimal's limit (7.9e28), two counts near long's.
        var snapshot = new KpiSnapshot(
            [new("Beauty", SampleData.Day1, 7.9e28m, 1, 0), new("Beauty", SampleData.Day2, 7.9e28m, 1, 0), new("Books", SampleData.Day1, 7.9e28m, 1, 0)],
            [new(SampleData.Day1, 1, 7.9e28m, long.MaxValue, 0, 1), new(SampleData.Day2, 1, 7.9e28m, long.MaxValue, 0, 1)],
            SampleData.Run,
            DateTimeOffset.UnixEpoch);

        var figures = DashboardFigures.From(snapshot, DashboardFilter.All);

        Assert.Equal(7.9e28, figures.AvgDailyRevenue!.Value, 1e15);
        Assert.Equal(["Beauty", "Books"], figures.ByRevenue.Select(t => t.Category));
        Assert.Equal(1.58e29, figures.ByRevenue[0].Revenue, 1e15);
        Assert.Equal(2.0 * long.MaxValue, figures.TotalItemsSold);
        Assert.Equal("7.9e28", CompactNumber.Card(figures.AvgDailyRevenue.Value));
        Assert.Equal("1.84e19", CompactNumber.Card(figures.TotalItemsSold, count: true));
    }

    [Fact]
    public void A_filter_matching_nothing_gives_no_card_values()
    {
        var figures = DashboardFigures.From(SampleData.Snapshot(), new DashboardFilter(["Toys"], null, null));

        Assert.Null(figures.AvgOrderValue);
        Assert.Empty(figures.ByRevenue);
    }
}
