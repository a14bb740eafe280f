using System.Globalization;
using System.Text;
using Bunit;
using Kpi.Dashboard.Components.Pages.Dashboard;
using Kpi.Dashboard.Runs;
using Kpi.Dashboard.Components.Shared;
using Kpi.Dashboard.Data;
using Kpi.Dashboard.Data.Charts;
using Kpi.Shared.Kpis;
using Kpi.Shared.Storage;
using Kpi.TestSupport;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Plotly.Blazor.Traces;

namespace Kpi.Dashboard.Tests.Components;

/// <summary>
/// The page over 3 years × 50 categories in DynamoDB Local (54,750 category rows, 1,095 order rows): it stays small
/// (aggregated before rendering, tables paged on the server), its figures are still those of the data, the CSV
/// download still holds every filtered row, and circuits share one snapshot. Sizes and counts, never times.
/// </summary>
public sealed class LargeDataPageTests(DynamoDbLocal dynamo)
{
    private const int MaxPageBytes = 300 * 1024;
    private static readonly SyntheticKpis Data = SyntheticKpis.ThreeYears;
    private static readonly IReadOnlyList<CategoryKpi> Categories = [.. Data.CategoryKpis()];
    private static readonly IReadOnlyList<OrderKpi> Orders = [.. Data.OrderKpis()];
    private static readonly SemaphoreSlim Seeding = new(1, 1);
    private static KpiTableOptions? _tables;

    [Fact]
    public async Task The_page_is_under_300_KB_and_shows_the_figures_of_all_rows()
    {
        var reader = await ReaderAsync();
        await using var context = DashboardContext.Create(reader);

        var page = RenderPage(context);

        Assert.InRange(Encoding.UTF8.GetByteCount(page.Markup), 1, MaxPageBytes);
        Assert.Equal(Categories.Average(k => k.AvgOrderValue), Card(page, "Average of avg_order_value"), 6);
        Assert.Equal(Categories.Average(k => k.AvgReturnRate), Card(page, "Average of avg_return_rate"), 6);
        Assert.Equal((double)Categories.Average(k => k.DailyRevenue), Card(page, "Average of daily_revenue"), 6);
        Assert.Equal(Orders.Sum(k => k.TotalItemsSold), Card(page, "Sum of total_items_sold"));

        var revenue = Categories.GroupBy(k => k.Category).ToDictionary(g => g.Key, g => (double)g.Sum(k => k.DailyRevenue));
        var bars = Assert.IsType<Bar>(Figure(page, "revenue-bars").Data[0]);
        Assert.Equal(50, bars.X.Count);
        Assert.All(Figure(page, "revenue-bars").Categories.Zip(bars.X.Cast<double>()), bar => Assert.Equal(revenue[bar.First], bar.Second, 6));

        // Three years of days are drawn as 36 months, and the months add up to the days.
        var months = Assert.IsType<Scatter>(Figure(page, "revenue-items").Data[0]);
        Assert.Equal(36, months.Y.Count);
        Assert.Equal((double)Orders.Sum(k => k.TotalRevenue), months.Y.Cast<double>().Sum(), 2);
        Assert.Contains("by month", page.Find("[data-panel*='total_revenue']").GetAttribute("data-panel"));
    }

    [Fact]
    public async Task A_filtered_page_shows_the_figures_of_the_filtered_rows()
    {
        var reader = await ReaderAsync();
        await using var context = DashboardContext.Create(reader);
        var from = Data.LastDay.AddDays(-29);

        var page = RenderPage(context, "/?category=Books&category=Category%2042&from=" + DashboardFilter.FormatDate(from));

        var kept = Categories.Where(k => k.Category is "Books" or "Category 42" && k.OrderDate >= from).ToList();
        Assert.Equal(60, kept.Count);
        Assert.Equal(kept.Average(k => k.AvgOrderValue), Card(page, "Average of avg_order_value"), 6);
        Assert.Equal(Orders.Where(k => k.OrderDate >= from).Sum(k => k.TotalItemsSold), Card(page, "Sum of total_items_sold"));
        Assert.Equal(30, Assert.IsType<Scatter>(Figure(page, "revenue-items").Data[0]).Y.Count);
    }

    [Fact]
    public async Task Tables_hold_one_page_of_rows_and_paging_shows_the_next_rows()
    {
        var reader = await ReaderAsync();
        await using var context = DashboardContext.Create(reader);

        var page = RenderPage(context);
        page.WaitForAssertion(() => Assert.Equal(10, page.FindAll("[data-grid=category_kpis] tbody tr").Count), TimeSpan.FromSeconds(10));

        var ordered = Categories.OrderBy(k => k.OrderDate).ThenBy(k => k.Category, StringComparer.Ordinal).ToList();
        Assert.Equal(ordered.Take(10).Select(Row), GridRows(page));
        Assert.Equal(10, page.FindComponent<MudBlazor.MudDataGrid<CategoryKpi>>().Instance.FilteredItems.Count());

        await page.Find("[data-grid=category_kpis] button[aria-label='Next page']").ClickAsync(new());
        page.WaitForAssertion(() => Assert.Equal(ordered.Skip(10).Take(10).Select(Row), GridRows(page)), TimeSpan.FromSeconds(10));
        Assert.Contains("11-20 of 54,750", page.Find("[data-grid=category_kpis]").TextContent);
    }

    [Fact]
    public async Task A_change_of_a_run_keeps_the_tables_page_and_the_charts_until_new_figures_come()
    {
        var reader = await ReaderAsync();
        await using var context = DashboardContext.Create(reader);
        var page = RenderPage(context);
        page.WaitForAssertion(() => Assert.Equal(10, page.FindAll("[data-grid=category_kpis] tbody tr").Count), TimeSpan.FromSeconds(10));
        await page.Find("[data-grid=category_kpis] button[aria-label='Next page']").ClickAsync(new());
        page.WaitForAssertion(() => Assert.Contains("11-20 of 54,750", page.Find("[data-grid=category_kpis]").TextContent), TimeSpan.FromSeconds(10));
        var rows = GridRows(page);
        var figure = Figure(page, "revenue-bars");

        // What the run monitor does on every step of a run (started, progressed, finished without new figures).
        await context.Services.GetRequiredService<RunNotifier>().NotifyAsync();
        await context.Services.GetRequiredService<RunNotifier>().NotifyAsync();

        Assert.Contains("11-20 of 54,750", page.Find("[data-grid=category_kpis]").TextContent);
        Assert.Equal(rows, GridRows(page));
        Assert.Same(figure, Figure(page, "revenue-bars"));

        // New figures (a run succeeded): the page takes them.
        await reader.RefreshAsync(CancellationToken.None);
        await context.Services.GetRequiredService<RunNotifier>().NotifyAsync();
        page.WaitForAssertion(() => Assert.NotSame(figure, Figure(page, "revenue-bars")), TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task The_csv_download_holds_every_filtered_row_not_only_the_page()
    {
        var reader = await ReaderAsync();
        await using var context = DashboardContext.Create(reader);

        var page = RenderPage(context, "/?category=Beauty");
        page.Find("[data-grid=category_kpis] [data-download]").Click();

        page.WaitForAssertion(() => context.JSInterop.VerifyInvoke("kpiDownload"), TimeSpan.FromSeconds(10));
        var lines = ((string)context.JSInterop.VerifyInvoke("kpiDownload").Arguments[1]!).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(1 + Data.Days, lines.Length);
        Assert.All(lines[1..], line => Assert.StartsWith("Beauty,", line));
        Assert.Equal($"Beauty,{DashboardFilter.FormatDate(Data.LastDay)},", lines[^1][..18]);
    }

    [Fact]
    public async Task Circuits_share_one_snapshot_and_hold_no_copy_of_its_rows()
    {
        var reader = await ReaderAsync();
        await using var first = DashboardContext.Create(reader);
        await using var second = DashboardContext.Create(reader);

        var one = RenderPage(first);
        var two = RenderPage(second, "/?category=Beauty");

        Assert.Same(reader.Latest, one.Instance.Snapshot);
        Assert.Same(one.Instance.Snapshot, two.Instance.Snapshot);
        // The tables read the snapshot's own list in place, through their filters.
        Assert.Same(reader.Latest!.Categories, Assert.IsType<FilteredRows<CategoryKpi>>(one.FindComponent<CategoryKpiGrid>().Instance.Rows).Source);
        Assert.Same(reader.Latest.Categories, Assert.IsType<FilteredRows<CategoryKpi>>(two.FindComponent<CategoryKpiGrid>().Instance.Rows).Source);
        Assert.Same(reader.Latest.Orders, Assert.IsType<FilteredRows<OrderKpi>>(two.FindComponent<OrderKpiGrid>().Instance.Rows).Source);
        Assert.Equal(Data.Days, two.FindComponent<CategoryKpiGrid>().Instance.Rows.Count);
    }

    private async Task<KpiReader> ReaderAsync()
    {
        await Seeding.WaitAsync(Xunit.TestContext.Current.CancellationToken);
        try
        {
            _tables ??= await DashboardStore.SeedAsync(dynamo, Categories, Orders, SampleData.Run);
        }
        finally
        {
            Seeding.Release();
        }

        var reader = DashboardStore.Reader(dynamo.CreateClient(), _tables);
        await reader.ReadAsync(Xunit.TestContext.Current.CancellationToken);
        return reader;
    }

    private static IRenderedComponent<DashboardPage> RenderPage(BunitContext context, string uri = "/")
    {
        context.Services.GetRequiredService<NavigationManager>().NavigateTo(uri);
        var page = context.Render<DashboardPage>();
        page.WaitForElement("[data-card]", TimeSpan.FromSeconds(30));
        return page;
    }

    /// <summary>The exact value in the card's accessible name ("caption: 1,234.5").</summary>
    private static double Card(IRenderedComponent<DashboardPage> page, string caption) => double.Parse(
        page.Find($"[data-card='{caption}'] .kpi-card-value").GetAttribute("aria-label")![(caption.Length + 2)..], NumberStyles.Number, CultureInfo.InvariantCulture);

    private static ChartFigure Figure(IRenderedComponent<DashboardPage> page, string name) =>
        page.FindComponents<KpiChart>().Single(c => c.Instance.Name == name).Instance.Figure;

    private static string Row(CategoryKpi k) => $"{k.Category}|{DashboardFilter.FormatDate(k.OrderDate)}";

    private static List<string> GridRows(IRenderedComponent<DashboardPage> page) =>
        [.. page.FindAll("[data-grid=category_kpis] tbody tr").Select(tr => tr.QuerySelectorAll("td").Take(2).Select(td => td.TextContent.Trim()))
            .Select(cells => string.Join('|', cells))];
}
