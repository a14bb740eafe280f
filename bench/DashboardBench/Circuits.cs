using System.Diagnostics;
using Microsoft.Playwright;

namespace Kpi.DashboardBench;

/// <summary>Open dashboard pages in Debian's Chromium, each an interactive Blazor circuit on the server.</summary>
internal sealed class Circuits(IBrowser browser, Uri address) : IAsyncDisposable
{
    private readonly List<IBrowserContext> _contexts = [];

    public static async Task<Circuits> StartAsync(IPlaywright playwright, Uri address) =>
        new(await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        }), address);

    public int Count => _contexts.Count;

    /// <summary>
    /// Opens one more page (its own browser context, as another user) and waits until its circuit is interactive
    /// and every chart is drawn: the time from navigation to interactive, the bytes the server sent over the
    /// circuit's WebSocket until the charts were drawn, and the size of the document's HTML then.
    /// </summary>
    /// <param name="screenshot">Where to save a full-page screenshot once the charts are drawn, if anywhere.</param>
    public async Task<OpenedPage> OpenAsync(string? screenshot = null)
    {
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1440, Height = 1000 } });
        _contexts.Add(context);
        var page = await context.NewPageAsync();
        long bytes = 0;
        page.WebSocket += (_, socket) => socket.FrameReceived += (_, frame) =>
            Interlocked.Add(ref bytes, frame.Binary?.Length ?? System.Text.Encoding.UTF8.GetByteCount(frame.Text ?? ""));
        var clock = Stopwatch.StartNew();
        await page.GotoAsync(address.ToString());
        await page.Locator("[data-interactive=true]").WaitForAsync(new LocatorWaitForOptions { Timeout = 120_000 });
        clock.Stop();
        // The charts' data reaches the browser over the circuit after the first render: count it too.
        await page.WaitForFunctionAsync(
            "names => names.every(n => document.querySelector(`[data-chart=${n}] .main-svg .trace`))",
            new[] { "order-value", "revenue-donut", "revenue-bars", "revenue-items", "returns-customers" },
            new PageWaitForFunctionOptions { Timeout = 120_000 });
        var dom = await page.EvaluateAsync<int>("() => document.documentElement.outerHTML.length");
        if (screenshot is not null)
        {
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = screenshot, FullPage = true });
        }

        return new OpenedPage(clock.Elapsed, Interlocked.Read(ref bytes), dom);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var context in _contexts)
        {
            await context.DisposeAsync();
        }

        await browser.DisposeAsync();
    }
}

/// <summary>One page opened in the browser: time to interactive, bytes over its circuit, characters of its DOM's HTML.</summary>
internal sealed record OpenedPage(TimeSpan Interactive, long CircuitBytes, int DomCharacters);
