using System.Globalization;
using System.Text.Json;
using Kpi.Shared.Kpis;
using Kpi.Shared.Storage;
using Kpi.TestSupport;
using Microsoft.Playwright;

namespace Kpi.Dashboard.BrowserTests;

/// <summary>
/// The five plotly.js charts in Chromium: on the real data set shipped in samples/ (the reference report's figures),
/// on hostile category names, and on items written by hand (a long name, refunds, a huge revenue).
/// </summary>
public sealed class ChartsTests(DynamoDbLocal dynamo)
{
    private static readonly string[] Charts = ["order-value", "revenue-donut", "revenue-bars", "revenue-items", "returns-customers"];
    private static readonly string[] ReferenceCards = ["95.94", "0.20", "9.92K", "27K"];

    // plotly.js's doubleClickDelay is 300 ms.
    private const int DoubleClickDelay = 400;

    [Fact]
    public async Task The_real_data_set_shows_the_reference_charts_and_they_filter_the_page()
    {
        await using var session = await Session.StartAsync(dynamo, Path.Combine(RepoPaths.Root, "samples", "ecommerce"));
        var page = session.Page;
        try
        {
            await session.OpenAsync();
            await session.MeasureAsync("real data set");
            Assert.Equal(ReferenceCards, await Browser.CardsAsync(page));

            Assert.Contains("326.89K (15.18%)", await page.Locator("[data-chart=revenue-donut] .slicetext").AllTextContentsAsync());
            Assert.Equal(
                ["Beauty", "Sports", "Home & Kitchen", "Clothing", "Electronics", "Toys", "Books"],
                await page.Locator("[data-chart=revenue-donut] .legendtext").AllTextContentsAsync());
            Assert.Equal(["0.0M", "0.2M", "0.4M"], await page.Locator("[data-chart=revenue-bars] .xtick").AllTextContentsAsync());
            Assert.Equal(["0K", "2K", "4K"], await page.Locator("[data-chart=order-value] .ytick").AllTextContentsAsync());
            foreach (var chart in (string[])["revenue-items", "returns-customers"])
            {
                Assert.NotEmpty(await page.Locator($"[data-chart={chart}] .ytick").AllTextContentsAsync());
                Assert.NotEmpty(await page.Locator($"[data-chart={chart}] .y2tick").AllTextContentsAsync());
            }

            Assert.Equal(["0.0", "0.5", "1.0"], await page.Locator("[data-chart=returns-customers] .ytick").AllTextContentsAsync());

            await HoverAsync(page, "[data-chart=revenue-bars] .bars .point", 0);
            Assert.Contains("Sum of daily_revenue: 326,892.37", await page.Locator("[data-chart=revenue-bars] .hoverlayer").TextContentAsync());

            // Cross-filtering: the Beauty bar selects Beauty, a second click on it clears the selection.
            var beauty = (await page.Locator("[data-chart=order-value] .xtick").AllTextContentsAsync()).ToList().IndexOf("Beauty");
            await ClickAsync(page, "[data-chart=order-value] .bars .point", beauty);
            await Browser.WaitForUrlAsync(page, "category=Beauty");
            await Browser.ExpectCardsAsync(page, ["98.36", "0.20", "10.5K", "27K"]);
            await ExpectCountAsync(page, "[data-chart=order-value] .bars .point", 1);
            await page.WaitForTimeoutAsync(DoubleClickDelay); // a second click sooner is a double click to plotly.js
            await ClickAsync(page, "[data-chart=order-value] .bars .point", 0);
            await WaitForUrlWithoutAsync(page, "category=");
            await Browser.ExpectCardsAsync(page, ReferenceCards);

            // The date slider sets the date filter: from the 11th day on.
            await page.Locator("[data-slider=from]").FillAsync("10");
            await Browser.WaitForUrlAsync(page, "from=2025-03-18&to=2025-04-07");
            await Assertions.Expect(page.Locator("[data-slicer-range]")).ToHaveTextAsync("2025-03-18 – 2025-04-07");
            await Assertions.Expect(page.Locator("[data-card] .kpi-card-value")).Not.ToHaveTextAsync(ReferenceCards);

            // Screenshots last: a full-page screenshot resizes the window, and plotly.js redraws (dropping any hover).
            await session.OpenAsync();
            await Browser.ScreenshotAsync(page, "charts-1440");
            await page.SetViewportSizeAsync(820, 1000);
            await session.OpenAsync();
            await Browser.ScreenshotAsync(page, "charts-820");
            await AssertChartsFitTheirPanelsAsync(page);
            Assert.Empty(session.Errors);
        }
        catch
        {
            await Browser.ScreenshotAsync(page, "charts-failure");
            TestContext.Current.AddAttachment("dashboard-output", session.Server.Output);
            throw;
        }
    }

    [Fact]
    public async Task Hostile_category_names_are_drawn_as_text_and_run_nothing()
    {
        const string Bold = "Toys <b>&</b> \"Games\"";
        const string Image = "<img src=x onerror=alert(1)>";
        using var data = TestData.WriteHostile(Bold, Image);
        await using var session = await Session.StartAsync(dynamo, data.Path);
        var page = session.Page;
        try
        {
            await session.OpenAsync();
            await HoverAsync(page, "[data-chart=order-value] .bars .point", 0);
            Assert.Contains(Bold, await page.Locator("[data-chart=order-value] .hoverlayer").TextContentAsync());
            await Browser.ScreenshotAsync(page, "charts-hostile-names");

            Assert.Equal([Bold, Image, "Books"], await page.Locator("[data-chart=order-value] .xtick").AllTextContentsAsync());
            Assert.Equal([Bold, Image, "Books"], await page.Locator("[data-chart=revenue-donut] .legendtext").AllTextContentsAsync());
            Assert.Contains("<img src=x oner…", await page.Locator("[data-chart=revenue-bars] .ytick").AllTextContentsAsync());
            Assert.Equal(0, await page.Locator("[data-chart] img, [data-chart] b, [data-chart] a").CountAsync());
            Assert.Equal(0, await page.Locator("[data-chart] tspan[style*='bold']").CountAsync());
            Assert.Empty(session.Dialogs);
            Assert.Empty(session.Errors);
        }
        catch
        {
            await Browser.ScreenshotAsync(page, "charts-hostile-failure");
            TestContext.Current.AddAttachment("dashboard-output", session.Server.Output);
            throw;
        }
    }

    [Fact]
    public async Task Long_names_negative_revenue_and_huge_figures_keep_the_page_within_the_window()
    {
        // Items written by hand: a long name with a run no line can break, more refunds than sales, and figures near
        // the limits of the number types (a day's revenue of 7.9e28, a count near long's limit).
        var name = "Garden furniture, outdoor lighting and barbecue accessories " + new string('x', 200);
        var day = new DateOnly(2025, 3, 1);
        await using var session = await Session.StartAsync(
            dynamo,
            [new CategoryKpi(name, day, 9000m, 120, 0.1), new CategoryKpi("Refunds", day, -500m, 20, 0), new CategoryKpi("Books", day, 300m, 50, 0)],
            [new OrderKpi(day, 3, 7.9e28m, long.MaxValue, 0.1, 3)]);
        var page = session.Page;
        try
        {
            foreach (var width in (int[])[1440, 820])
            {
                await page.SetViewportSizeAsync(width, 1000);
                await session.OpenAsync();
                await page.Locator("[data-grid=category_kpis] tbody [data-category-name]").First.WaitForAsync();

                Assert.Equal(["63.33", "0.03", "2.93K", "9.22e18"], await Browser.CardsAsync(page));
                var layout = await page.EvaluateAsync<JsonElement>("""
                    () => {
                      const width = e => e.getBoundingClientRect().width;
                      const grid = document.querySelector('[data-grid=category_kpis] table');
                      return {
                        page: document.documentElement.scrollWidth - document.documentElement.clientWidth,
                        cards: Math.max(...[...document.querySelectorAll('[data-card] .kpi-card-value')].map(e => e.scrollWidth - e.clientWidth)),
                        column: width(grid.querySelector('th')),
                        name: Math.max(...[...document.querySelectorAll('[data-grid=category_kpis] [data-category-name]')].map(width)),
                        sideLabels: Math.min(...[...document.querySelectorAll('[data-chart=revenue-bars] .ytick text')].map(e => e.getBoundingClientRect().left))
                          - document.querySelector('[data-chart=revenue-bars]').getBoundingClientRect().left,
                      };
                    }
                    """);
                Assert.True(layout.GetProperty("page").GetDouble() <= 0, $"the page scrolls sideways at {width} px: {layout}");
                Assert.True(layout.GetProperty("cards").GetDouble() <= 0, $"a card's figure is cut at {width} px: {layout}");
                Assert.True(layout.GetProperty("column").GetDouble() <= 320, $"the category column is wider than its name's 16rem at {width} px: {layout}");
                Assert.InRange(layout.GetProperty("name").GetDouble(), 100, 16 * 16 + 1);
                Assert.True(layout.GetProperty("sideLabels").GetDouble() >= 0, $"the horizontal bars' labels are cut at the panel's edge at {width} px: {layout}");

                // A full-page screenshot resizes the page and plotly.js redraws: taken after what it could disturb
                // (at 1440 px the next width opens the page afresh; at 820 px once the charts are checked, below).
                if (width == 1440)
                {
                    await Browser.ScreenshotAsync(page, $"long-names-{width}");
                }
            }

            const string Cut = "Garden furniture, outdoor lig…";
            Assert.Contains(Cut, await page.Locator("[data-chart=order-value] .xtick").AllTextContentsAsync());
            Assert.Contains("Garden furnitur…", await page.Locator("[data-chart=revenue-bars] .ytick").AllTextContentsAsync());
            Assert.Contains(Cut, await page.Locator("[data-chart=revenue-donut] .legendtext").AllTextContentsAsync());
            await HoverAsync(page, "[data-chart=order-value] .bars .point", 0);
            Assert.Contains(name, await page.Locator("[data-chart=order-value] .hoverlayer").TextContentAsync());

            // Refunds is drawn left of a zero line and named under the donut, which has the other two slices.
            await ExpectCountAsync(page, "[data-chart=revenue-bars] .bars .point", 3);
            var refunds = await page.Locator("[data-chart=revenue-bars] .bars .point").Nth(2).BoundingBoxAsync();
            Assert.True(refunds is { Width: > 1 }, "the negative bar is not drawn");
            Assert.True(await page.Locator("[data-chart=revenue-bars] .zerolinelayer path").CountAsync() > 0);
            await ExpectCountAsync(page, "[data-chart=revenue-donut] .slice", 2);
            Assert.Equal(["0", "5e28", "1e29"], await page.Locator("[data-chart=revenue-items] .ytick").AllTextContentsAsync());
            await Assertions.Expect(page.Locator("[data-note=negative-revenue]")).ToContainTextAsync("Refunds");
            await Browser.ScreenshotAsync(page, "long-names-820");

            // The category list: the long name on one line within the window.
            await page.Locator("[data-filter=category]").ClickAsync();
            var option = page.GetByRole(AriaRole.Option, new() { Name = name });
            await option.WaitForAsync();
            var box = await option.BoundingBoxAsync();
            Assert.True(box is not null && box.X + box.Width <= 820, $"the option reaches {box?.X + box?.Width} px in an 820 px window");
            Assert.InRange((await option.Locator("[data-category-name]").BoundingBoxAsync())!.Height, 1, 40);
            await Browser.ScreenshotAsync(page, "long-names-filter-820");
            Assert.Empty(session.Errors);
        }
        catch
        {
            await Browser.ScreenshotAsync(page, "long-names-failure");
            TestContext.Current.AddAttachment("dashboard-output", session.Server.Output);
            throw;
        }
    }

    private static async Task AssertChartsFitTheirPanelsAsync(IPage page)
    {
        foreach (var chart in Charts)
        {
            var plot = await page.Locator($"[data-chart={chart}] .main-svg").First.BoundingBoxAsync();
            var panel = await page.Locator($"section[role=figure]:has([data-chart={chart}])").BoundingBoxAsync();
            Assert.NotNull(plot);
            Assert.NotNull(panel);
            Assert.InRange(plot.Width, panel.Width - 2, panel.Width + 2);
        }
    }

    /// <summary>plotly.js puts a drag layer over its points: click and hover by position, as a user does.</summary>
    private static async Task ClickAsync(IPage page, string points, int index)
    {
        var box = await page.Locator(points).Nth(index).BoundingBoxAsync() ?? throw new InvalidOperationException($"{points} #{index} not drawn");
        await page.Mouse.ClickAsync(box.X + (box.Width / 2), box.Y + (box.Height / 2));
    }

    private static async Task HoverAsync(IPage page, string points, int index)
    {
        var box = await page.Locator(points).Nth(index).BoundingBoxAsync() ?? throw new InvalidOperationException($"{points} #{index} not drawn");
        await page.Mouse.MoveAsync(box.X + (box.Width / 2) - 4, box.Y + (box.Height / 2));
        await page.Mouse.MoveAsync(box.X + (box.Width / 2), box.Y + (box.Height / 2));
        await page.Locator(points.Split(' ')[0] + " .hoverlayer .hovertext").First.WaitForAsync();
    }

    private static async Task ExpectCountAsync(IPage page, string selector, int count)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (await page.Locator(selector).CountAsync() != count && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }

        Assert.Equal(count, await page.Locator(selector).CountAsync());
    }

    private static async Task WaitForUrlWithoutAsync(IPage page, string fragment)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (page.Url.Contains(fragment, StringComparison.Ordinal) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }

        Assert.DoesNotContain(fragment, page.Url);
    }

    /// <summary>A data set in DynamoDB Local, the dashboard over it, and one Chromium page that records errors and dialogs.</summary>
    private sealed class Session : IAsyncDisposable
    {
        private readonly IPlaywright _playwright;
        private readonly IBrowser _browser;

        private Session(IPlaywright playwright, IBrowser browser, IPage page, DashboardServer server)
        {
            (_playwright, _browser, Page, Server) = (playwright, browser, page, server);
            page.Console += (_, message) =>
            {
                if (message.Type == "error")
                {
                    Errors.Add(message.Text);
                }
            };
            page.PageError += (_, error) => Errors.Add(error);
            page.Dialog += (_, dialog) =>
            {
                Dialogs.Add(dialog.Message);
                _ = dialog.DismissAsync();
            };
            page.Request += (_, request) =>
            {
                if (!request.Url.StartsWith(server.Address.ToString(), StringComparison.Ordinal) && !request.Url.StartsWith("ws://", StringComparison.Ordinal))
                {
                    Errors.Add("request off the app: " + request.Url);
                }
            };
        }

        public IPage Page { get; }

        public DashboardServer Server { get; }

        public List<string> Errors { get; } = [];

        public List<string> Dialogs { get; } = [];

        public static async Task<Session> StartAsync(DynamoDbLocal dynamo, string source)
        {
            var tables = await dynamo.CreateTablesAsync();
            var pipeline = await Browser.RunPipelineAsync(dynamo, source, tables);
            Assert.True(pipeline.ExitCode == 0, pipeline.Output);
            return await StartAsync(dynamo, tables);
        }

        /// <summary>KPI items written as they are, as by hand (no pipeline run).</summary>
        public static async Task<Session> StartAsync(DynamoDbLocal dynamo, IReadOnlyList<CategoryKpi> categories, IReadOnlyList<OrderKpi> orders)
        {
            var tables = await dynamo.CreateTablesAsync();
            using (var client = dynamo.CreateClient())
            {
                var store = new DynamoKpiStore(client, tables);
                await store.WriteCategoryKpisAsync(categories, "by-hand", "2025-03-02T00:00:00.0000000Z", CancellationToken.None);
                await store.WriteOrderKpisAsync(orders, "by-hand", "2025-03-02T00:00:00.0000000Z", CancellationToken.None);
            }

            return await StartAsync(dynamo, tables);
        }

        private static async Task<Session> StartAsync(DynamoDbLocal dynamo, KpiTableOptions tables)
        {
            var server = await DashboardServer.StartAsync(dynamo, tables);
            var playwright = await Playwright.CreateAsync();
            var browser = await Browser.LaunchAsync(playwright);
            var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1440, Height = 1000 } });
            return new Session(playwright, browser, page, server);
        }

        public async Task OpenAsync()
        {
            await Page.GotoAsync(Server.Address.ToString());
            await WaitForChartsAsync();
        }

        /// <summary>Every chart has drawn its traces.</summary>
        public Task WaitForChartsAsync() => Page.WaitForFunctionAsync(
            "names => names.every(n => document.querySelector(`[data-chart=${n}] .main-svg .trace`))", Charts, new() { Timeout = 30_000 });

        /// <summary>
        /// Page weight (bytes over the wire, fresh cache) and time from navigation to every chart drawn, written to
        /// artifacts/screenshots/measurements.txt; informative only, never asserted.
        /// </summary>
        public async Task MeasureAsync(string what)
        {
            var json = await Page.EvaluateAsync<JsonElement>("""
                () => {
                  const nav = performance.getEntriesByType('navigation')[0];
                  const resources = performance.getEntriesByType('resource');
                  const paint = performance.getEntriesByName('first-contentful-paint')[0];
                  return {
                    transfer: nav.transferSize + resources.reduce((s, r) => s + r.transferSize, 0),
                    decoded: nav.decodedBodySize + resources.reduce((s, r) => s + r.decodedBodySize, 0),
                    requests: resources.length + 1,
                    plotly: resources.filter(r => r.name.includes('plotly')).map(r => `${r.name.split('/').pop()} ${r.transferSize}/${r.decodedBodySize}`),
                    fcp: paint ? paint.startTime : null,
                  };
                }
                """);
            var charts = await Page.EvaluateAsync<double>("() => performance.now()");
            var line = string.Create(CultureInfo.InvariantCulture, $"{DateTime.UtcNow:u} {what}: {json.GetProperty("requests")} requests, {json.GetProperty("transfer")} bytes transferred ({json.GetProperty("decoded")} decoded), first contentful paint {json.GetProperty("fcp")} ms, all charts drawn by {charts:F0} ms; {json.GetProperty("plotly")}");
            File.AppendAllText(Browser.Artifact("measurements.txt"), line + Environment.NewLine);
            TestContext.Current.SendDiagnosticMessage(line);
        }

        public async ValueTask DisposeAsync()
        {
            await _browser.DisposeAsync();
            _playwright.Dispose();
            await Server.DisposeAsync();
        }
    }
}
