using Kpi.Shared.Storage;
using Kpi.TestSupport;
using Microsoft.Playwright;

namespace Kpi.Dashboard.BrowserTests;

/// <summary>
/// Run now with the local launcher: DynamoDB Local, the dashboard process, Chromium clicking the button; the
/// pipeline runs as the dashboard's child process and every open page follows it without a reload.
/// </summary>
public sealed class RunNowTests(DynamoDbLocal dynamo)
{
    private static readonly TimeSpan RunBound = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task A_run_started_from_one_page_shows_its_figures_and_history_on_every_open_page()
    {
        using var data = TestData.Write();
        var tables = await dynamo.CreateTablesAsync();
        await using var server = await DashboardServer.StartAsync(dynamo, tables, settings: RunNowSettings.Local(data.Path));
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Chromium.LaunchAsync(playwright);
        var first = await OpenAsync(browser, server);
        var second = await OpenAsync(browser, server);

        try
        {
            Assert.Equal(1, await first.Locator("[data-state=empty]").CountAsync());
            await first.Locator("[data-testid=run-now]").DblClickAsync();

            foreach (var page in new[] { first, second })
            {
                await page.Locator("[data-testid=run-history] tr[data-status=SUCCEEDED]").WaitForAsync(new() { Timeout = (float)RunBound.TotalMilliseconds });
                await page.Locator("[data-card]").First.WaitForAsync();
                Assert.Equal(["37.50", "0.25", "37.50", "20"], (await page.Locator("[data-card] .kpi-card-value").AllInnerTextsAsync()).Select(text => text.Trim()));
            }

            // The double click gave one run.
            Assert.Equal(1, await second.Locator("[data-testid=run-history] tbody tr[data-run-id]").CountAsync());
            Assert.Equal("SUCCEEDED", await second.Locator("[data-testid=run-status]").GetAttributeAsync("data-status"));
            await Screenshots.TakeAsync(second, "run-now-succeeded");
        }
        catch
        {
            await Screenshots.TakeAsync(first, "run-now-failure");
            TestContext.Current.AddAttachment("dashboard-output", server.Output);
            throw;
        }
    }

    [Fact]
    public async Task A_failing_run_shows_failed_with_the_pipelines_reason()
    {
        using var data = RunNowSettings.BrokenSource();
        var tables = await dynamo.CreateTablesAsync();
        await using var server = await DashboardServer.StartAsync(dynamo, tables, settings: RunNowSettings.Local(data.Path));
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Chromium.LaunchAsync(playwright);
        var page = await OpenAsync(browser, server);

        try
        {
            await page.Locator("[data-testid=run-now]").ClickAsync();
            await page.Locator("[data-testid=run-status][data-status=FAILED]").WaitForAsync(new() { Timeout = (float)RunBound.TotalMilliseconds });

            Assert.Contains("missing required column(s) user_id", await page.Locator("[data-testid=run-error]").InnerTextAsync());
            await page.Locator("[data-testid=run-details]").First.ClickAsync();
            Assert.Contains("missing required column(s) user_id", await page.Locator("[data-testid=run-details-row]").InnerTextAsync());
            await Screenshots.TakeAsync(page, "run-now-failed");
        }
        catch
        {
            await Screenshots.TakeAsync(page, "run-now-failed-failure");
            TestContext.Current.AddAttachment("dashboard-output", server.Output);
            throw;
        }
    }

    [Fact]
    public async Task A_click_while_a_run_is_active_is_refused()
    {
        using var data = TestData.Write();
        var tables = await dynamo.CreateTablesAsync();
        await using var server = await DashboardServer.StartAsync(dynamo, tables, settings: RunNowSettings.Local(data.Path));
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Chromium.LaunchAsync(playwright);
        var page = await OpenAsync(browser, server);
        using var http = new HttpClient { BaseAddress = server.Address };

        // Another client starts a run first; the page learns of it from the monitor and no longer offers the button.
        var started = await http.PostAsync("/api/runs", new StringContent("{}", System.Text.Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);
        Assert.Equal(System.Net.HttpStatusCode.Accepted, started.StatusCode);

        await page.Locator("[data-testid=run-now][disabled]").WaitForAsync();
        await page.Locator("[data-testid=run-history] tr[data-status=SUCCEEDED]").WaitForAsync(new() { Timeout = (float)RunBound.TotalMilliseconds });
        await page.Locator("[data-testid=run-now]:not([disabled])").WaitForAsync();
        using var client = dynamo.CreateClient();
        Assert.Single(await new DynamoRunStore(client, tables).ListLatestAsync(5, TestContext.Current.CancellationToken));
    }

    private static async Task<IPage> OpenAsync(IBrowser browser, DashboardServer server)
    {
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1440, Height = 1400 } });
        await page.GotoAsync(server.Address.ToString());
        await page.Locator("[data-interactive=true]").WaitForAsync();
        return page;
    }
}
