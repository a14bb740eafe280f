using Kpi.Dashboard.Data;
using Kpi.Dashboard.Data.Charts;
using Kpi.Shared.Kpis;
using Plotly.Blazor.LayoutLib.YAxisLib;
using Plotly.Blazor.Traces;

namespace Kpi.Dashboard.Tests.Data.Charts;

/// <summary>The figures of the five charts over the fixed sample rows: values, labels, axes, ticks, order.</summary>
public sealed class KpiChartsTests
{
    private static readonly DashboardCharts All = KpiCharts.From(DashboardFigures.From(SampleData.Snapshot(), DashboardFilter.All));

    [Fact]
    public void Order_value_bars_are_vertical_largest_first_with_compact_ticks_and_exact_tooltips()
    {
        var bars = Assert.IsType<Bar>(Assert.Single(All.OrderValueBars.Data));

        Assert.Null(bars.Orientation);
        Assert.Equal(["Beauty", "Books"], bars.X);
        Assert.Equal([330.0, 180.0], bars.Y);
        Assert.Equal(["330", "180"], bars.CustomData);
        Assert.Contains("%{customdata}", bars.HoverTemplate);
        var axis = Assert.Single(All.OrderValueBars.Layout.YAxis);
        Assert.Equal(["0", "200", "400"], axis.TickText);
        Assert.Equal([0.0, 200.0, 400.0], axis.TickVals);
        Assert.Equal([0.0, 400.0], axis.Range);
        Assert.Equal(["Beauty", "Books"], All.OrderValueBars.Categories);
    }

    [Fact]
    public void The_donut_has_value_and_share_outside_each_slice_in_ranked_order_and_a_legend()
    {
        var donut = Assert.IsType<Pie>(Assert.Single(All.RevenueDonut.Data));

        Assert.Equal(["Beauty", "Books"], donut.Labels);
        Assert.Equal([6000.0, 3000.0], donut.Values);
        Assert.Equal(["6K (66.67%)", "3K (33.33%)"], donut.Text);
        Assert.Equal(["6,000 (66.67%)", "3,000 (33.33%)"], donut.CustomData);
        Assert.Equal(Plotly.Blazor.Traces.PieLib.TextPositionEnum.Outside, donut.TextPosition);
        Assert.Equal(Plotly.Blazor.Traces.PieLib.TextInfoFlag.Text, donut.TextInfo);
        Assert.False(donut.Sort);
        Assert.True(donut.Hole > 0);
        Assert.True(All.RevenueDonut.Layout.ShowLegend);
        Assert.Equal("category", Assert.Single(All.RevenueDonut.Layout.Legend).Title.Text);
    }

    [Fact]
    public void Revenue_bars_are_horizontal_sorted_descending_from_the_top_with_ticks_in_thousands()
    {
        var bars = Assert.IsType<Bar>(Assert.Single(All.RevenueBars.Data));

        Assert.Equal(Plotly.Blazor.Traces.BarLib.OrientationEnum.H, bars.Orientation);
        Assert.Equal(["Beauty", "Books"], bars.Y);
        Assert.Equal([6000.0, 3000.0], bars.X);
        Assert.Equal(AutoRangeEnum.Reversed, Assert.Single(All.RevenueBars.Layout.YAxis).AutoRange);
        Assert.Equal(["0K", "5K", "10K"], Assert.Single(All.RevenueBars.Layout.XAxis).TickText);
    }

    [Fact]
    public void Revenue_and_items_share_the_days_with_items_on_a_second_axis_on_the_right()
    {
        var figure = All.RevenueAndItems;

        Assert.Equal([KpiCharts.TotalRevenueName, KpiCharts.ItemsSoldName], figure.Data.Cast<Scatter>().Select(t => t.Name));
        var (revenue, items) = (Assert.IsType<Scatter>(figure.Data[0]), Assert.IsType<Scatter>(figure.Data[1]));
        Assert.Equal(["2025-03-01", "2025-03-02", "2025-03-03"], revenue.X);
        Assert.Equal(revenue.X, items.X);
        Assert.Equal([1500.0, 4500.0, 3000.0], revenue.Y);
        Assert.Equal([1200.0, 2400.0, 900.0], items.Y);
        Assert.Equal("y", revenue.YAxis);
        Assert.Equal("y2", items.YAxis);

        Assert.Equal(2, figure.Layout.YAxis.Count);
        var (left, right) = (figure.Layout.YAxis[0], figure.Layout.YAxis[1]);
        Assert.Null(left.Overlaying);
        Assert.Equal("y", right.Overlaying);
        Assert.Equal(SideEnum.Right, right.Side);
        Assert.Equal(["0.0K", "2.5K", "5.0K"], left.TickText);
        Assert.Equal(["0K", "2K", "4K"], right.TickText);
        Assert.True(figure.Layout.ShowLegend);
        Assert.Equal(Plotly.Blazor.LayoutLib.LegendLib.OrientationEnum.H, Assert.Single(figure.Layout.Legend).Orientation);
        Assert.Empty(figure.Categories);
    }

    [Fact]
    public void Return_rate_is_a_ratio_on_the_left_axis_and_customers_on_the_right()
    {
        var figure = All.ReturnRateAndCustomers;

        var (rate, customers) = (Assert.IsType<Scatter>(figure.Data[0]), Assert.IsType<Scatter>(figure.Data[1]));
        Assert.Equal(KpiCharts.ReturnRateName, rate.Name);
        Assert.Equal([0.2, 0.5, 0.3], rate.Y);
        Assert.Equal(["0.2", "0.5", "0.3"], rate.CustomData);
        Assert.Equal("y", rate.YAxis);
        Assert.Equal(KpiCharts.CustomersName, customers.Name);
        Assert.Equal([9.0, 18.0, 14.0], customers.Y);
        Assert.Equal("y2", customers.YAxis);
        Assert.Equal(["0.00", "0.25", "0.50"], figure.Layout.YAxis[0].TickText);
        Assert.Equal(["0", "10", "20"], figure.Layout.YAxis[1].TickText);
    }

    [Fact]
    public void The_category_filter_reaches_the_category_charts_only()
    {
        var books = KpiCharts.From(DashboardFigures.From(SampleData.Snapshot(), new DashboardFilter(["Books"], null, null)));

        Assert.Equal(["Books"], Assert.IsType<Bar>(books.OrderValueBars.Data[0]).X);
        Assert.Equal(["Books"], Assert.IsType<Pie>(books.RevenueDonut.Data[0]).Labels);
        Assert.Equal(["Books"], Assert.IsType<Bar>(books.RevenueBars.Data[0]).Y);
        Assert.Equal(Assert.IsType<Scatter>(All.RevenueAndItems.Data[0]).Y, Assert.IsType<Scatter>(books.RevenueAndItems.Data[0]).Y);
        Assert.Equal(Assert.IsType<Scatter>(All.ReturnRateAndCustomers.Data[1]).Y, Assert.IsType<Scatter>(books.ReturnRateAndCustomers.Data[1]).Y);
    }

    [Fact]
    public void Hostile_names_are_escaped_for_plotly_and_clicks_map_back_to_the_real_name()
    {
        const string Hostile = "<img src=x onerror=alert(1)>";
        var charts = KpiCharts.From(DashboardFigures.From(SampleData.Snapshot([new CategoryKpi(Hostile, SampleData.Day1, 9000m, 900, 0), .. SampleData.Categories]), DashboardFilter.All));

        Assert.Equal("&lt;img src=x onerror=alert(1)&gt;", Assert.IsType<Bar>(charts.OrderValueBars.Data[0]).X[0]);
        Assert.Equal("&lt;img src=x onerror=alert(1)&gt;", Assert.IsType<Pie>(charts.RevenueDonut.Data[0]).Labels[0]);
        Assert.Equal("&lt;img src=x onerror=alert(1)&gt;", Assert.IsType<Bar>(charts.RevenueBars.Data[0]).Y[0]);
        Assert.Equal(Hostile, charts.RevenueBars.CategoryAt(0));
        Assert.Null(charts.RevenueBars.CategoryAt(3));
    }

    [Fact]
    public void No_chart_shows_a_mode_bar_or_logo_and_each_follows_its_container()
    {
        var config = KpiCharts.Config;

        Assert.Equal(Plotly.Blazor.ConfigLib.DisplayModeBarEnum.False, config.DisplayModeBar);
        Assert.False(config.DisplayLogo);
        Assert.True(config.Responsive);
        Assert.All(
            [All.OrderValueBars, All.RevenueDonut, All.RevenueBars, All.RevenueAndItems, All.ReturnRateAndCustomers],
            figure => Assert.True(figure.Layout.Font.Size >= 11 && figure.Layout.AutoSize == true));
    }
}
