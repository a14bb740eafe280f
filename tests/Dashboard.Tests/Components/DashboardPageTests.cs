using System.Text.RegularExpressions;
using AngleSharp.Dom;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Kpi.Dashboard.Components.Pages.Dashboard;
using Kpi.Dashboard.Components.Shared;
using Kpi.Dashboard.Data.Charts;
using Plotly.Blazor;
using Plotly.Blazor.Interop;
using Kpi.Shared.Kpis;
using Kpi.TestSupport;

namespace Kpi.Dashboard.Tests.Components;

/// <summary>The page over fixed rows in DynamoDB Local: cards, charts, filters, states and text encoding.</summary>
public sealed class DashboardPageTests(DynamoDbLocal dynamo)
{
    [Fact]
    public async Task Cards_show_the_aggregates_of_all_rows_without_a_filter()
    {
        await using var context = await ContextWithAsync(SampleData.Categories);

        var page = RenderPage(context);

        Assert.Equal(
            [("Average of avg_order_value", "85.00"), ("Average of avg_return_rate", "0.20"), ("Average of daily_revenue", "1.5K"), ("Sum of total_items_sold", "4.5K")],
            Cards(page));
        Assert.Contains("Last updated 2025-03-04 06:01 UTC · run run-42", page.Find("[data-last-updated]").TextContent);
    }

    [Fact]
    public async Task The_category_filter_changes_category_visuals_but_not_order_visuals()
    {
        await using var context = await ContextWithAsync(SampleData.Categories);

        var page = RenderPage(context, categories: ["Books"]);

        Assert.Equal(["60.00", "0.20", "1K", "4.5K"], Cards(page).Select(c => c.Value));
        Assert.Equal(["Books"], Figure(page, "order-value").Categories);
        Assert.Equal(["Books"], Figure(page, "revenue-donut").Categories);
        Assert.Equal(["Books"], Figure(page, "revenue-bars").Categories);
        Assert.Equal([1500.0, 4500.0, 3000.0], ((Plotly.Blazor.Traces.Scatter)Figure(page, "revenue-items").Data[0]).Y);
        Assert.Equal([9.0, 18.0, 14.0], ((Plotly.Blazor.Traces.Scatter)Figure(page, "returns-customers").Data[1]).Y);
        Assert.All(page.FindAll("[data-panel*='by day'] .kpi-caption").Take(1), e => Assert.Contains("All categories", e.TextContent));
    }

    [Fact]
    public async Task The_date_range_changes_every_visual()
    {
        await using var context = await ContextWithAsync(SampleData.Categories);

        var page = RenderPage(context, from: "2025-03-02", to: "2025-03-02");

        Assert.Equal(["90.00", "0.35", "2.25K", "2.4K"], Cards(page).Select(c => c.Value));
    }

    [Fact]
    public async Task Five_plotly_charts_draw_the_figures_built_from_the_filtered_rows()
    {
        await using var context = await ContextWithAsync(SampleData.Categories);

        var page = RenderPage(context);

        var charts = page.FindComponents<PlotlyChart>();
        Assert.Equal(["order-value", "revenue-donut", "revenue-bars", "revenue-items", "returns-customers"], charts.Select(c => c.Instance.AdditionalAttributes["data-chart"]));
        Assert.All(charts, c => Assert.True(c.Instance.UseBasicVersion));
        Assert.Equal(["order-value", "revenue-donut", "revenue-bars", "revenue-items", "returns-customers"], page.FindAll("div[data-chart]").Select(e => e.GetAttribute("data-chart")));
        Assert.Equal(["6K (66.67%)", "3K (33.33%)"], ((Plotly.Blazor.Traces.Pie)charts[1].Instance.Data[0]).Text);
        Assert.Equal(["y", "y2"], charts[3].Instance.Data.Cast<Plotly.Blazor.Traces.Scatter>().Select(t => t.YAxis));
        Assert.Equal(["y", "y2"], charts[4].Instance.Data.Cast<Plotly.Blazor.Traces.Scatter>().Select(t => t.YAxis));
        Assert.All(page.FindAll("section[role=figure]"), figure => Assert.False(string.IsNullOrWhiteSpace(page.Find($"#{figure.GetAttribute("aria-labelledby")}").TextContent)));
    }

    [Theory]
    [InlineData("order-value")]
    [InlineData("revenue-donut")]
    [InlineData("revenue-bars")]
    public async Task Clicking_a_category_selects_it_in_the_url_and_clicking_it_again_clears_it(string chart)
    {
        await using var context = await ContextWithAsync(SampleData.Categories);
        var navigation = context.Services.GetRequiredService<NavigationManager>();

        var page = RenderPage(context);
        await ClickPointAsync(page, chart, 0);
        Assert.EndsWith("/?category=Beauty", navigation.Uri);

        page = RenderPage(context, categories: ["Beauty"], from: "2025-03-02");
        await ClickPointAsync(page, chart, 0);
        Assert.EndsWith("/?from=2025-03-02", navigation.Uri);
    }

    [Fact]
    public async Task The_date_slider_follows_the_date_filter_and_sets_it()
    {
        await using var context = await ContextWithAsync(SampleData.Categories);
        var navigation = context.Services.GetRequiredService<NavigationManager>();

        var page = RenderPage(context, categories: ["Books"], from: "2025-03-02");
        Assert.Equal(("1", "2"), (page.Find("[data-slider=from]").GetAttribute("value"), page.Find("[data-slider=to]").GetAttribute("value")));
        Assert.Equal("2025-03-02 – 2025-03-03", page.Find("[data-slicer-range]").TextContent);

        await page.Find("[data-slider=to]").ChangeAsync(new ChangeEventArgs { Value = "1" });
        Assert.EndsWith("/?category=Books&from=2025-03-02&to=2025-03-02", navigation.Uri);

        // The URL reached the page, and the slider follows it; dragging "from" past "to" stops at "to".
        Assert.Equal(("1", "1"), (page.Find("[data-slider=from]").GetAttribute("value"), page.Find("[data-slider=to]").GetAttribute("value")));
        await page.Find("[data-slider=from]").ChangeAsync(new ChangeEventArgs { Value = "2" });
        Assert.EndsWith("/?category=Books&from=2025-03-02&to=2025-03-02", navigation.Uri);

        // The whole span is no date filter at all.
        page = RenderPage(context, from: "2025-03-02");
        await page.Find("[data-slider=from]").ChangeAsync(new ChangeEventArgs { Value = "0" });
        Assert.EndsWith("/", navigation.Uri);
    }

    [Fact]
    public async Task The_page_shows_a_loading_state_until_the_first_read_completes()
    {
        await using var context = await ContextWithAsync(SampleData.Categories);

        var page = context.Render<DashboardPage>();

        Assert.Contains("Loading KPIs", page.Find("[data-state=loading]").TextContent);
        page.WaitForElement("[data-card]", TimeSpan.FromSeconds(20));
        Assert.Empty(page.FindAll("[data-state=loading]"));
    }

    [Fact]
    public async Task Empty_tables_say_how_to_produce_kpis()
    {
        await using var context = await ContextWithAsync([], orders: []);

        var page = RenderPage(context, waitFor: "[data-state=empty]");

        Assert.Contains("Run the pipeline", page.Find("[data-state=empty]").TextContent);
        Assert.Empty(page.FindAll("[data-card]"));
    }

    [Fact]
    public async Task An_unreachable_store_shows_a_banner_with_retry_and_no_details()
    {
        using var client = DashboardStore.Unreachable();
        await using var context = DashboardContext.Create(DashboardStore.Reader(client, new Kpi.Shared.Storage.KpiTableOptions()));

        var page = RenderPage(context, waitFor: "[data-state=error]");

        var banner = page.Find("[data-state=error]");
        Assert.Contains("cannot be reached", banner.TextContent);
        Assert.Contains("Retry now", banner.TextContent);
        Assert.DoesNotContain("Exception", page.Markup);
        Assert.DoesNotContain("127.0.0.1", page.Markup);
    }

    [Fact]
    public async Task Dates_near_year_1_render()
    {
        var first = new DateOnly(1, 1, 1);
        await using var context = await ContextWithAsync(
            [new CategoryKpi("Beauty", first, 10m, 10, 0), new CategoryKpi("Beauty", first.AddDays(2), 20m, 20, 0)],
            [new OrderKpi(first.AddDays(2), 1, 20m, 1, 0, 1)]);

        var page = RenderPage(context);

        Assert.Equal("1", Cards(page).Single(c => c.Caption == "Sum of total_items_sold").Value);
        Assert.NotEmpty(page.FindAll("[data-preset]"));
    }

    [Fact]
    public async Task Items_that_hold_no_kpi_row_are_counted_on_the_page_and_the_rest_is_shown()
    {
        var tables = await DashboardStore.SeedAsync(dynamo, SampleData.Categories, SampleData.Orders, SampleData.Run);
        using var client = dynamo.CreateClient();
        await DashboardStore.PutMalformedItemsAsync(client, tables);
        await using var context = DashboardContext.Create(DashboardStore.Reader(dynamo.CreateClient(), tables));

        var page = RenderPage(context);

        Assert.Contains("2 item(s) in the KPI tables could not be read", page.Find("[data-state=skipped-items]").TextContent);
        Assert.Empty(page.FindAll("[data-state=error]"));
        Assert.Equal(4, Cards(page).Count);
    }

    [Fact]
    public async Task Negative_revenue_is_drawn_below_zero_and_named_under_the_donut_that_leaves_it_out()
    {
        await using var context = await ContextWithAsync([.. SampleData.Categories, new CategoryKpi("Refunds <b>", SampleData.Day1, -4000m, -50, 0)]);

        var page = RenderPage(context);

        Assert.Equal([-5000.0, 10000.0], Assert.Single(Figure(page, "revenue-bars").Layout.XAxis).Range);
        Assert.Equal(["Beauty", "Books", "Refunds <b>"], Figure(page, "revenue-bars").Categories);
        Assert.Equal(["Beauty", "Books"], Figure(page, "revenue-donut").Categories);
        var note = page.Find("section[role=figure] [data-note=negative-revenue]");
        Assert.Equal("Not in the donut, revenue below zero: Refunds <b>. Shares are of the other categories' revenue.", Text(note));
        Assert.Equal("Refunds <b>", note.QuerySelector("[data-category-name]")!.GetAttribute("title"));
        Assert.Empty(note.QuerySelectorAll("b"));

        // Only Beauty selected: nothing is left out, and no note.
        Assert.Empty(RenderPage(context, categories: ["Beauty"]).FindAll("[data-note=negative-revenue]"));
    }

    [Fact]
    public async Task Figures_near_the_limits_of_decimal_and_long_give_short_cards_not_a_broken_page()
    {
        // Written by hand: two revenues of 7.9e28 (their sum is past decimal's limit), two counts near long's.
        await using var context = await ContextWithAsync(
            [new CategoryKpi("Beauty", SampleData.Day1, 7.9e28m, 1, 0), new CategoryKpi("Beauty", SampleData.Day2, 7.9e28m, 1, 0)],
            [new OrderKpi(SampleData.Day1, 1, 7.9e28m, long.MaxValue, 0, 1), new OrderKpi(SampleData.Day2, 1, 7.9e28m, long.MaxValue, 0, 1)]);

        var page = RenderPage(context);

        Assert.Equal(
            [("Average of avg_order_value", "1.00"), ("Average of avg_return_rate", "0.00"), ("Average of daily_revenue", "7.9e28"), ("Sum of total_items_sold", "1.84e19")],
            Cards(page));
        Assert.Equal(["0", "1e29", "2e29"], Assert.Single(Figure(page, "revenue-bars").Layout.XAxis).TickText);
    }

    [Fact]
    public async Task The_category_filter_names_its_whole_selection_in_a_tooltip()
    {
        var name = "Garden furniture, outdoor lighting and barbecue accessories " + new string('x', 200);
        await using var context = await ContextWithAsync([.. SampleData.Categories, new CategoryKpi(name, SampleData.Day1, 10m, 1, 0)]);

        var page = RenderPage(context, categories: ["Books", name]);

        Assert.Equal($"Books, {name}", page.Find("[data-filter=category]").GetAttribute("title"));
    }

    [Fact]
    public async Task A_missing_table_is_named_in_the_banner()
    {
        await using var context = DashboardContext.Create(DashboardStore.Reader(dynamo.CreateClient(), new Kpi.Shared.Storage.KpiTableOptions { RunsTable = "no_such_runs" }));

        var page = RenderPage(context, waitFor: "[data-state=error]");

        Assert.Contains("A KPI table does not exist", page.Find("[data-state=error]").TextContent);
    }

    private async Task<BunitContext> ContextWithAsync(IReadOnlyList<CategoryKpi> categories, IReadOnlyList<OrderKpi>? orders = null)
    {
        var tables = await DashboardStore.SeedAsync(dynamo, categories, orders ?? SampleData.Orders, SampleData.Run);
        return DashboardContext.Create(DashboardStore.Reader(dynamo.CreateClient(), tables));
    }

    private static IRenderedComponent<DashboardPage> RenderPage(
        BunitContext context, string[]? categories = null, string? from = null, string? to = null, string waitFor = "[data-card]")
    {
        var query = new Dictionary<string, object?> { ["category"] = categories, ["from"] = from, ["to"] = to };
        var navigation = context.Services.GetRequiredService<NavigationManager>();
        navigation.NavigateTo(navigation.GetUriWithQueryParameters("/", query));
        var page = context.Render<DashboardPage>();
        page.WaitForElement(waitFor, TimeSpan.FromSeconds(20));
        return page;
    }

    private static ChartFigure Figure(IRenderedComponent<DashboardPage> page, string name) =>
        page.FindComponents<KpiChart>().Single(c => c.Instance.Name == name).Instance.Figure;

    /// <summary>What plotly.js reports for a click on a bar or slice: the point's index.</summary>
    private static Task ClickPointAsync(IRenderedComponent<DashboardPage> page, string chart, int point) =>
        page.InvokeAsync(() => page.FindComponents<PlotlyChart>().Single(c => (string)c.Instance.AdditionalAttributes["data-chart"] == chart)
            .Instance.ClickEvent([new EventDataPoint { PointNumber = point }]));

    private static string Text(IElement element) => Regex.Replace(element.TextContent, @"\s+", " ").Trim();

    private static List<(string Caption, string Value)> Cards(IRenderedComponent<DashboardPage> page) =>
        [.. page.FindAll("[data-card]").Select(card => (card.GetAttribute("data-card")!, card.QuerySelector(".kpi-card-value")!.TextContent))];
}
