using Kpi.Shared.Storage;
using Kpi.TestSupport;
using Microsoft.Playwright;

namespace Kpi.Dashboard.BrowserTests;

/// <summary>What the browser tests share: the pipeline run, Debian's Chromium, waiting on Blazor, screenshots.</summary>
internal static class Browser
{
    public static async Task<(int ExitCode, string Output)> RunPipelineAsync(DynamoDbLocal dynamo, string source, KpiTableOptions tables)
    {
        await using var process = new LocalProcess(
            "dotnet",
            [BuiltApps.Pipeline, "run", "--source", source, "--category-table", tables.CategoryTable, "--order-table", tables.OrderTable, "--runs-table", tables.RunsTable],
            dynamo.Environment);
        return (await process.WaitAsync(TimeSpan.FromMinutes(2)), process.Output);
    }

    public static Task<IBrowser> LaunchAsync(IPlaywright playwright) => playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
    {
        ExecutablePath = "/usr/bin/chromium",
        Headless = true,
        Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    });

    /// <summary>Blazor changes the URL with pushState: wait for the address, not for a page load.</summary>
    public static async Task WaitForUrlAsync(IPage page, string fragment)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!page.Url.Contains(fragment, StringComparison.Ordinal) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }

        Assert.Contains(fragment, page.Url);
    }

    public static async Task ExpectCardsAsync(IPage page, string[] cards)
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

    public static async Task<string[]> CardsAsync(IPage page) =>
        [.. (await page.Locator("[data-card] .kpi-card-value").AllInnerTextsAsync()).Select(text => text.Trim())];

    public static async Task ScreenshotAsync(IPage page, string name)
    {
        var path = Artifact($"{name}.png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        TestContext.Current.AddAttachment(name, path);
    }

    /// <summary>A file under artifacts/screenshots (created).</summary>
    public static string Artifact(string name)
    {
        var folder = Path.Combine(RepoPaths.Root, "artifacts", "screenshots");
        Directory.CreateDirectory(folder);
        return Path.Combine(folder, name);
    }
}
