using Kpi.TestSupport;
using Microsoft.Playwright;

namespace Kpi.Dashboard.BrowserTests;

/// <summary>
/// Pipeline → DynamoDB Local → dashboard process → Debian's Chromium: the page becomes interactive,
/// shows the cards for the test data, and follows category and date filters.
/// </summary>
public sealed class DashboardPageTests(DynamoDbLocal dynamo)
{
    [Fact]
    public async Task Cards_follow_the_category_and_date_filters()
    {
        using var data = TestData.Write();
        var tables = await dynamo.CreateTablesAsync();
        var pipeline = await RunPipelineAsync(data.Path, tables);
        Assert.True(pipeline.ExitCode == 0, pipeline.Output);

        await using var server = await DashboardServer.StartAsync(dynamo, tables);
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1440, Height = 1400 } });

        try
        {
            await page.GotoAsync(server.Address.ToString());
            await page.Locator("[data-interactive=true]").WaitForAsync();
            Assert.Equal(["37.50", "0.25", "37.50", "20"], await CardsAsync(page));
            await ScreenshotAsync(page, "dashboard-all");

            await page.Locator("[data-filter=category]").ClickAsync();
            await page.GetByRole(AriaRole.Option, new() { Name = "Books" }).ClickAsync();
            await page.Keyboard.PressAsync("Escape");
            await WaitForUrlAsync(page, "category=Books");
            await Expect(page, ["20.00", "0.00", "20.00", "20"]);

            // A link reproduces the view: the same address in a new page shows the same figures.
            var shared = await browser.NewPageAsync();
            await shared.GotoAsync(page.Url);
            await shared.Locator("[data-interactive=true]").WaitForAsync();
            Assert.Equal(["20.00", "0.00", "20.00", "20"], await CardsAsync(shared));

            await page.GotoAsync(server.Address.ToString());
            await page.Locator("[data-interactive=true]").WaitForAsync();
            await page.Locator("[data-preset=Last7Days]").ClickAsync();
            await WaitForUrlAsync(page, "from=2025-03-04&to=2025-03-10");
            await Expect(page, ["45.00", "0.21", "45.00", "14"]);
            await ScreenshotAsync(page, "dashboard-last-7-days");
        }
        catch
        {
            await ScreenshotAsync(page, "dashboard-failure");
            TestContext.Current.AddAttachment("dashboard-output", server.Output);
            throw;
        }
    }

    /// <summary>Blazor changes the URL with pushState: wait for the address, not for a page load.</summary>
    private static async Task WaitForUrlAsync(IPage page, string fragment)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!page.Url.Contains(fragment, StringComparison.Ordinal) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }

        Assert.Contains(fragment, page.Url);
    }

    private async Task<(int ExitCode, string Output)> RunPipelineAsync(string source, Kpi.Shared.Storage.KpiTableOptions tables)
    {
        await using var process = new LocalProcess(
            "dotnet",
            [BuiltApps.Pipeline, "run", "--source", source, "--category-table", tables.CategoryTable, "--order-table", tables.OrderTable, "--runs-table", tables.RunsTable],
            dynamo.Environment);
        return (await process.WaitAsync(TimeSpan.FromMinutes(2)), process.Output);
    }

    private static async Task Expect(IPage page, string[] cards)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        var actual = await CardsAsync(page);
        while (!actual.SequenceEqual(cards) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(200);
            actual = await CardsAsync(page);
        }

        Assert.Equal(cards, actual);
    }

    private static async Task<string[]> CardsAsync(IPage page) =>
        [.. (await page.Locator("[data-card] .kpi-card-value").AllInnerTextsAsync()).Select(text => text.Trim())];

    private static async Task ScreenshotAsync(IPage page, string name)
    {
        var folder = Path.Combine(RepoPaths.Root, "artifacts", "screenshots");
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, $"{name}.png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        TestContext.Current.AddAttachment(name, path);
    }
}
