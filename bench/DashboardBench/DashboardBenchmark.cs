using System.Text;
using Amazon.DynamoDBv2;
using Kpi.TestSupport;
using Microsoft.Playwright;

namespace Kpi.DashboardBench;

internal sealed record BenchSettings(Uri DynamoDb, int Runs, int WarmRequests, int ExtraCircuits, string? Artifacts = null);

/// <summary>
/// Seeds each data set, then for each run starts a fresh dashboard process and measures: start-up (readiness, the
/// first GET /), warm GET / (time and HTML size), and circuits (time to interactive, bytes over the circuit,
/// live managed heap per open circuit).
/// </summary>
internal static class DashboardBenchmark
{
    public static async Task<string> RunAsync(BenchSettings settings, IReadOnlyList<DataSet> sets, CancellationToken cancellationToken)
    {
        using (var dynamo = new AmazonDynamoDBClient(DynamoDbLocal.Credentials, DynamoDbLocal.Config(settings.DynamoDb)))
        {
            foreach (var set in sets)
            {
                Progress($"seeding {set.Name}: {set.CategoryRows:N0} category rows, {set.Days:N0} order rows");
                await set.SeedAsync(dynamo, cancellationToken);
            }
        }

        using var playwright = await Playwright.CreateAsync();
        var results = new List<RunResult>();
        foreach (var set in sets)
        {
            for (var run = 1; run <= settings.Runs; run++)
            {
                Progress($"{set.Name}: run {run} of {settings.Runs}");
                results.Add(await MeasureAsync(settings, set, playwright));
            }
        }

        return Report.Markdown(settings, sets, results);
    }

    private static async Task<RunResult> MeasureAsync(BenchSettings settings, DataSet set, IPlaywright playwright)
    {
        await using var dashboard = DashboardInstance.Start(settings.DynamoDb, set.Tables);

        // Cold: the first request, sent as soon as the process answers at all (a user right after a deploy), and
        // when /readyz first says ready (what a load balancer waits for), both counted from the process start.
        var alive = await dashboard.WaitForAsync("/healthz", TimeSpan.FromMinutes(2));
        var ready = dashboard.WaitForAsync("/readyz", TimeSpan.FromMinutes(2));
        var (firstRequest, firstHtml) = await dashboard.GetPageAsync();
        var firstDone = dashboard.SinceStart.Elapsed;
        var readyAt = await ready;

        // Warm: the snapshot is in; a few unmeasured requests JIT the page, then the timed ones.
        for (var i = 0; i < 3; i++)
        {
            await dashboard.GetPageAsync();
        }

        var warm = new List<TimeSpan>();
        var html = firstHtml;
        for (var i = 0; i < settings.WarmRequests; i++)
        {
            (var time, html) = await dashboard.GetPageAsync();
            warm.Add(time);
        }

        if (settings.Artifacts is { } folder)
        {
            Directory.CreateDirectory(folder);
            await File.WriteAllTextAsync(Path.Combine(folder, $"page-{set.Days}x{set.Categories}.html"), html);
        }

        // Circuits: the live heap with one open page, then with more; the difference per page is one circuit's cost.
        await using var circuits = await Circuits.StartAsync(playwright, dashboard.Address);
        var first = await circuits.OpenAsync();
        var one = await GcHeap.LiveBytesAsync(dashboard.ProcessId);
        for (var i = 0; i < settings.ExtraCircuits; i++)
        {
            await circuits.OpenAsync();
        }

        var many = await GcHeap.LiveBytesAsync(dashboard.ProcessId);
        var (peakRss, _) = dashboard.ResidentBytes();
        return new RunResult(
            set, alive, firstRequest, firstDone, readyAt, warm, Encoding.UTF8.GetByteCount(html), first,
            one, many, (many - one) / Math.Max(1, settings.ExtraCircuits), peakRss);
    }

    private static void Progress(string message) => Console.Error.WriteLine($"[bench dashboard] {message}");
}

/// <summary>What one fresh dashboard process measured.</summary>
internal sealed record RunResult(
    DataSet Set,
    TimeSpan Alive,
    TimeSpan FirstRequest,
    TimeSpan FirstRequestDone,
    TimeSpan Ready,
    IReadOnlyList<TimeSpan> Warm,
    int HtmlBytes,
    OpenedPage FirstPage,
    long HeapWithOneCircuit,
    long HeapWithMany,
    long BytesPerCircuit,
    long PeakRss);
