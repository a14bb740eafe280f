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
        var pipeline = await Browser.RunPipelineAsync(dynamo, data.Path, tables);
        Assert.True(pipeline.ExitCode == 0, pipeline.Output);

        await using var server = await DashboardServer.StartAsync(dynamo, tables);
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Browser.LaunchAsync(playwright);
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1440, Height = 1400 } });

        try
        {
            await page.GotoAsync(server.Address.ToString());
            await page.Locator("[data-interactive=true]").WaitForAsync();
            Assert.Equal(["37.50", "0.25", "37.50", "20"], await Browser.CardsAsync(page));
            await Browser.ScreenshotAsync(page, "dashboard-all");

            await page.Locator("[data-filter=category]").ClickAsync();
            await page.GetByRole(AriaRole.Option, new() { Name = "Books" }).ClickAsync();
            await page.Keyboard.PressAsync("Escape");
            await Browser.WaitForUrlAsync(page, "category=Books");
            await Browser.ExpectCardsAsync(page, ["20.00", "0.00", "20.00", "20"]);

            // A link reproduces the view: the same address in a new page shows the same figures.
            var shared = await browser.NewPageAsync();
            await shared.GotoAsync(page.Url);
            await shared.Locator("[data-interactive=true]").WaitForAsync();
            Assert.Equal(["20.00", "0.00", "20.00", "20"], await Browser.CardsAsync(shared));

            await page.GotoAsync(server.Address.ToString());
            await page.Locator("[data-interactive=true]").WaitForAsync();
            await page.Locator("[data-preset=Last7Days]").ClickAsync();
            await Browser.WaitForUrlAsync(page, "from=2025-03-04&to=2025-03-10");
            await Browser.ExpectCardsAsync(page, ["45.00", "0.21", "45.00", "14"]);
            await Browser.ScreenshotAsync(page, "dashboard-last-7-days");
        }
        catch
        {
            await Browser.ScreenshotAsync(page, "dashboard-failure");
            TestContext.Current.AddAttachment("dashboard-output", server.Output);
            throw;
        }
    }
}
