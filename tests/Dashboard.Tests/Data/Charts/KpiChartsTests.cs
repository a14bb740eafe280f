using System.Text.Json;
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
        Assert.Equal([new[] { "Beauty", "330" }, new[] { "Books", "180" }], bars.CustomData);
        Assert.StartsWith("%{customdata[0]}<br>", bars.HoverTemplate);
        Assert.Contains("%{customdata[1]}", bars.HoverTemplate);
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
        Assert.Equal([new[] { "Beauty", "6,000 (66.67%)" }, new[] { "Books", "3,000 (33.33%)" }], donut.CustomData);
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
    public void Negative_revenue_is_drawn_below_zero_and_the_donut_shares_the_positive_revenue_without_it()
    {
        // Refunds (negative sale prices) outweigh the sales of one category.
        var charts = KpiCharts.From(DashboardFigures.From(
            SampleData.Snapshot([.. SampleData.Categories, new CategoryKpi("Refunds", SampleData.Day1, -4000m, -50, 0)]), DashboardFilter.All));

        var bars = Assert.IsType<Bar>(Assert.Single(charts.RevenueBars.Data));
        Assert.Equal(["Beauty", "Books", "Refunds"], bars.Y);
        Assert.Equal([6000.0, 3000.0, -4000.0], bars.X);
        var valueAxis = Assert.Single(charts.RevenueBars.Layout.XAxis);
        Assert.Equal([-5000.0, 10000.0], valueAxis.Range); // was [0, 10000]: the Refunds bar was cut off
        Assert.Equal(["-5K", "0K", "5K", "10K"], valueAxis.TickText);
        Assert.True(valueAxis.ZeroLine);

        var orderValue = Assert.Single(charts.OrderValueBars.Layout.YAxis);
        Assert.Equal([-200.0, 400.0], orderValue.Range);
        Assert.Equal(["-200", "0", "200", "400"], orderValue.TickText);

        // The donut leaves Refunds out and shares the rest (it drew 120% and 60%).
        var donut = Assert.IsType<Pie>(Assert.Single(charts.RevenueDonut.Data));
        Assert.Equal(["Beauty", "Books"], donut.Labels);
        Assert.Equal([6000.0, 3000.0], donut.Values);
        Assert.Equal(["6K (66.67%)", "3K (33.33%)"], donut.Text);
        Assert.Equal(["Beauty", "Books"], charts.RevenueDonut.Categories);
        Assert.Equal("Books", charts.RevenueDonut.CategoryAt(1));
    }

    [Fact]
    public void A_slice_under_one_percent_of_the_donut_has_no_outside_label_but_keeps_its_tooltip()
    {
        var charts = KpiCharts.From(DashboardFigures.From(
            SampleData.Snapshot([new CategoryKpi("Beauty", SampleData.Day1, 9950m, 100, 0), new CategoryKpi("Books", SampleData.Day1, 50m, 10, 0)]),
            DashboardFilter.All));

        var donut = Assert.IsType<Pie>(Assert.Single(charts.RevenueDonut.Data));

        Assert.Equal(["9.95K (99.5%)", ""], donut.Text);
        Assert.Equal(["Books", "50 (0.5%)"], (string[])donut.CustomData[1]);
    }

    [Fact]
    public void An_order_day_with_negative_revenue_gets_a_left_axis_below_zero()
    {
        var series = new OrderSeries(SeriesUnit.Day, [new(SampleData.Day1, 1500, 10, 0.1, 5), new(SampleData.Day2, -700, 2, 0.5, 1)]);

        var figure = KpiCharts.RevenueAndItems(series);

        Assert.Equal([-2000.0, 2000.0], figure.Layout.YAxis[0].Range);
        Assert.Equal(["-2K", "0K", "2K"], figure.Layout.YAxis[0].TickText);
        Assert.Equal([0.0, 10.0], figure.Layout.YAxis[1].Range);
    }

    [Fact]
    public void Long_names_are_cut_short_on_axes_and_in_the_legend_and_whole_in_tooltips()
    {
        var first = "Garden furniture, outdoor lighting and barbecue accessories for the summer";
        var second = "Garden furniture, outdoor lighting and barbecue spare parts & <tools>";
        var charts = KpiCharts.From(DashboardFigures.From(
            SampleData.Snapshot([new CategoryKpi(first, SampleData.Day1, 9000m, 900, 0), new CategoryKpi(second, SampleData.Day1, 8000m, 800, 0), .. SampleData.Categories]),
            DashboardFilter.All));
        const string Cut = "Garden furniture, outdoor lig…";

        var orderValue = Assert.IsType<Bar>(charts.OrderValueBars.Data[0]);
        Assert.Equal([first, PlotlyText.Escape(second), "Beauty", "Books"], orderValue.X);
        var categoryAxis = Assert.Single(charts.OrderValueBars.Layout.XAxis);
        Assert.Equal(orderValue.X, categoryAxis.TickVals);
        Assert.Equal([Cut, Cut, "Beauty", "Books"], categoryAxis.TickText);
        // Beside the horizontal bars of a narrow panel, shorter still.
        Assert.Equal(["Garden furnitur…", "Garden furnitur…", "Beauty", "Books"], Assert.Single(charts.RevenueBars.Layout.YAxis).TickText);
        Assert.Equal([first, "900"], (string[])orderValue.CustomData[0]);
        Assert.Equal([PlotlyText.Escape(second), "800"], (string[])orderValue.CustomData[1]);

        // plotly.js adds up slices of the same label: the two cut names stay two slices.
        var donut = Assert.IsType<Pie>(charts.RevenueDonut.Data[0]);
        Assert.Equal(4, donut.Labels.Distinct().Count());
        Assert.All(donut.Labels.Take(2), label => Assert.Equal(Cut, ((string)label).TrimEnd('\u200B')));
        Assert.Equal(second, charts.RevenueDonut.CategoryAt(1));
        Assert.Equal(PlotlyText.Escape(second), ((string[])donut.CustomData[1])[0]);
    }

    [Fact]
    public void Figures_past_the_range_of_decimal_reach_plotly_in_a_unit_it_takes_with_real_labels_and_tooltips()
    {
        // Items written by hand: two revenues of 7.9e28 in one category (1.58e29), counts near long's limit.
        var charts = KpiCharts.From(DashboardFigures.From(
            new KpiSnapshot(
                [new("Beauty", SampleData.Day1, 7.9e28m, 7.9e28, 0), new("Beauty", SampleData.Day2, 7.9e28m, 7.9e28, 0), new("Books", SampleData.Day1, 1m, 1, 0)],
                [new(SampleData.Day1, 1, 7.9e28m, long.MaxValue, 0, 1), new(SampleData.Day2, 1, 7.9e28m, long.MaxValue, 0, 1)],
                SampleData.Run,
                DateTimeOffset.UnixEpoch),
            DashboardFilter.All));

        // Plotly.Blazor converts every number of a figure through decimal on its way to plotly.js: past 7.9e28 (the
        // axis's 1e29 and 2e29) it threw, and the page's circuit ended.
        foreach (var figure in (ChartFigure[])[charts.OrderValueBars, charts.RevenueDonut, charts.RevenueBars, charts.RevenueAndItems, charts.ReturnRateAndCustomers])
        {
            var numbers = Numbers(figure.Layout).Concat(figure.Data.SelectMany(Numbers)).ToList();
            Assert.NotEmpty(numbers);
            Assert.All(numbers, number => Assert.True(number.TryGetDecimal(out _), $"{number} is past decimal's range"));
        }

        var bars = Assert.IsType<Bar>(charts.RevenueBars.Data[0]);
        var axis = Assert.Single(charts.RevenueBars.Layout.XAxis);
        Assert.Equal(["0", "1e29", "2e29"], axis.TickText);
        Assert.Equal([0.0, 2000.0], axis.Range.Select(v => Math.Round((double)v, 6)));
        Assert.Equal([0.0, 1000.0, 2000.0], axis.TickVals.Select(v => Math.Round((double)v, 6)));
        Assert.Equal(1580.0, (double)bars.X[0], 6);
        Assert.StartsWith("158,000,000,000,000", ((string[])bars.CustomData[0])[1]);
        Assert.Equal(["0", "5e28", "1e29"], charts.RevenueAndItems.Layout.YAxis[0].TickText);
        Assert.Equal(["0", "5e18", "1e19"], charts.RevenueAndItems.Layout.YAxis[1].TickText);
        Assert.Equal(["1.58e29 (100%)", ""], Assert.IsType<Pie>(charts.RevenueDonut.Data[0]).Text); // 0 %: no outside label
    }

    /// <summary>Every number of a figure's part as Plotly.Blazor serializes it (nulls left out).</summary>
    private static IEnumerable<JsonElement> Numbers(object part) =>
        Numbers(JsonSerializer.SerializeToElement(part, new JsonSerializerOptions { DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull }));

    private static IEnumerable<JsonElement> Numbers(JsonElement json) => json.ValueKind switch
    {
        JsonValueKind.Number => [json],
        JsonValueKind.Array => json.EnumerateArray().SelectMany(Numbers),
        JsonValueKind.Object => json.EnumerateObject().SelectMany(p => Numbers(p.Value)),
        _ => [],
    };

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
