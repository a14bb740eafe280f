using Bunit;
using Kpi.Dashboard.Components.Pages.Dashboard;

namespace Kpi.Dashboard.Tests.Components;

public sealed class KpiGridTests
{
    [Fact]
    public async Task The_csv_download_holds_exactly_the_rows_left_by_the_quick_filter()
    {
        await using var context = DashboardContext.Create();
        var grid = context.Render<CategoryKpiGrid>(p => p.Add(g => g.Rows, SampleData.Categories));

        grid.Find("input[data-quick-filter]").Input("books");
        grid.WaitForAssertion(() => Assert.Equal(3, grid.FindAll("tbody tr").Count), TimeSpan.FromSeconds(10));
        grid.Find("[data-download]").Click();

        // MudButton raises OnClick asynchronously: wait for the call rather than assume it happened.
        grid.WaitForAssertion(() => context.JSInterop.VerifyInvoke("kpiDownload"), TimeSpan.FromSeconds(10));
        var download = context.JSInterop.VerifyInvoke("kpiDownload");
        Assert.Equal("category_kpis.csv", download.Arguments[0]);
        var lines = ((string)download.Arguments[1]!).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("\uFEFFcategory,order_date,daily_revenue,avg_order_value,avg_return_rate", lines[0]); // UTF-8's byte order mark first, for Excel
        Assert.Equal(["Books,2025-03-01,500,50,0", "Books,2025-03-02,1500,60,0.4", "Books,2025-03-03,1000,70,0.2"], lines[1..]);
    }

    [Fact]
    public async Task Rows_are_paged_ten_at_a_time()
    {
        await using var context = DashboardContext.Create();
        var rows = Enumerable.Range(0, 25).Select(i => new Kpi.Shared.Kpis.CategoryKpi($"c{i:D2}", SampleData.Day1, i, i, 0)).ToList();

        var grid = context.Render<CategoryKpiGrid>(p => p.Add(g => g.Rows, rows));

        Assert.Equal(10, grid.FindAll("tbody tr").Count);
    }

    [Fact]
    public async Task Rows_are_read_a_page_at_a_time_and_new_rows_show_from_their_first_page()
    {
        await using var context = DashboardContext.Create();
        var rows = Enumerable.Range(0, 25).Select(i => new Kpi.Shared.Kpis.CategoryKpi($"c{i:D2}", SampleData.Day1, i, i, 0)).ToList();
        var grid = context.Render<CategoryKpiGrid>(p => p.Add(g => g.Rows, rows));

        await grid.Find("button[aria-label='Next page']").ClickAsync(new());
        grid.WaitForAssertion(() => Assert.Equal("c10", FirstCategory(grid)), TimeSpan.FromSeconds(10));
        Assert.Equal(10, grid.FindComponent<MudBlazor.MudDataGrid<Kpi.Shared.Kpis.CategoryKpi>>().Instance.FilteredItems.Count());
        grid.Render(p => p.Add(g => g.Rows, rows[5..]));

        grid.WaitForAssertion(() => Assert.Equal("c05", FirstCategory(grid)), TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task A_sorted_column_orders_every_row_before_paging_and_the_csv_follows_that_order()
    {
        await using var context = DashboardContext.Create();
        var rows = Enumerable.Range(0, 25).Select(i => new Kpi.Shared.Kpis.CategoryKpi($"c{i:D2}", SampleData.Day1, 100 - i, i, 0)).ToList();
        var grid = context.Render<CategoryKpiGrid>(p => p.Add(g => g.Rows, rows));

        await grid.FindAll("th").Single(th => th.TextContent.Contains("daily_revenue", StringComparison.Ordinal)).QuerySelector(".sortable-column-header")!.ClickAsync(new());
        grid.WaitForAssertion(() => Assert.Equal("c24", FirstCategory(grid)), TimeSpan.FromSeconds(10));
        grid.Find("[data-download]").Click();

        grid.WaitForAssertion(() => context.JSInterop.VerifyInvoke("kpiDownload"), TimeSpan.FromSeconds(10));
        var lines = ((string)context.JSInterop.VerifyInvoke("kpiDownload").Arguments[1]!).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal([.. Enumerable.Range(0, 25).Reverse().Select(i => $"c{i:D2}")], lines[1..].Select(line => line.Split(',')[0]));
    }

    [Fact]
    public async Task A_long_category_name_is_a_one_line_text_cut_by_its_style_with_the_whole_name_in_its_tooltip()
    {
        await using var context = DashboardContext.Create();
        var name = "<b>Garden</b> furniture, outdoor lighting and barbecue accessories " + new string('x', 300);

        var grid = context.Render<CategoryKpiGrid>(p => p.Add(g => g.Rows, [new Kpi.Shared.Kpis.CategoryKpi(name, SampleData.Day1, 1, 1, 0)]));

        var cell = grid.Find("tbody td [data-category-name]");
        Assert.Contains("kpi-category-name", cell.ClassList); // one line, at most 16rem wide, ending in an ellipsis
        Assert.Equal(name, cell.TextContent);
        Assert.Equal(name, cell.GetAttribute("title"));
        Assert.Empty(grid.FindAll("tbody b"));
    }

    private static string FirstCategory(IRenderedComponent<CategoryKpiGrid> grid) => grid.Find("tbody tr td").TextContent.Trim();
}
