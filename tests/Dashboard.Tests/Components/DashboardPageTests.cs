using AngleSharp.Dom;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Kpi.Dashboard.Components.Pages.Dashboard;
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
        Assert.Equal(["Books"], page.FindAll("[data-slice]").Select(e => e.GetAttribute("data-slice")));
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
    public async Task Charts_carry_the_category_labels_values_and_shares()
    {
        await using var context = await ContextWithAsync(SampleData.Categories);

        var page = RenderPage(context);

        var bars = page.Find("[data-panel='Sum of avg_order_value by category']");
        Assert.Contains("Beauty", bars.TextContent);
        Assert.Contains("Books", bars.TextContent);
        Assert.NotEmpty(bars.QuerySelectorAll("svg path"));
        Assert.Equal(
            ["Beauty 6K (66.67%)", "Books 3K (33.33%)"],
            page.FindAll("[data-slice]").Select(e => string.Join(' ', e.TextContent.Split((char[])[' ', '\n'], StringSplitOptions.RemoveEmptyEntries))));
        Assert.Equal(["Beauty", "Books"], page.FindAll("[data-rank]").Select(e => e.GetAttribute("data-rank")));
        Assert.Equal(["Sum of total_revenue", "Sum of total_items_sold", "Sum of return_rate (as %)", "Sum of unique_customers"], page.FindAll("[data-series]").Select(e => e.GetAttribute("data-series")));
        Assert.All(page.FindAll("section[role=figure]"), figure => Assert.False(string.IsNullOrWhiteSpace(page.Find($"#{figure.GetAttribute("aria-labelledby")}").TextContent)));
    }

    [Fact]
    public async Task Hostile_category_names_render_as_text()
    {
        const string Hostile = "<b>x</b><script>alert(1)</script>";
        await using var context = await ContextWithAsync([new CategoryKpi(Hostile, SampleData.Day1, 10m, 10, 0), .. SampleData.Categories]);

        var page = RenderPage(context);

        Assert.Empty(page.FindAll("b"));
        Assert.Empty(page.FindAll("script"));
        Assert.Contains("&lt;b&gt;x&lt;/b&gt;", page.Markup);
        Assert.Contains(page.FindAll("[data-slice]"), e => e.GetAttribute("data-slice") == Hostile);
        Assert.Contains(page.FindAll("[data-panel='Sum of avg_order_value by category'] svg text"), e => e.TextContent == Hostile);
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

    private static List<(string Caption, string Value)> Cards(IRenderedComponent<DashboardPage> page) =>
        [.. page.FindAll("[data-card]").Select(card => (card.GetAttribute("data-card")!, card.QuerySelector(".kpi-card-value")!.TextContent))];
}
