using System.Text;
using Amazon.DynamoDBv2;
using Kpi.TestSupport;
using Microsoft.Playwright;

namespace Kpi.DashboardBench;

internal sealed record BenchSettings(Uri DynamoDb, int Runs, int WarmRequests, int ExtraCircuits, string? Artifacts = null, string? Dashboard = null);

/// <summary>
/// Seeds each data set, then for each run starts fresh dashboard processes and measures: start-up (the first GET /
/// sent as soon as the process answers; readiness and the first GET / after it), warm GET / (time and HTML size),
/// and circuits (time to interactive, bytes over the circuit, DOM size, live managed heap per open circuit).
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
        // Cold, as a user right after a deploy: the first GET / sent as soon as the process answers at all.
        TimeSpan firstWhenAlive, firstWhenAliveDone;
        await using (var fresh = DashboardInstance.Start(settings.DynamoDb, set.Tables, settings.Dashboard))
        {
            await fresh.WaitForAsync("/healthz", TimeSpan.FromMinutes(2));
            (firstWhenAlive, _) = await fresh.GetPageAsync();
            firstWhenAliveDone = fresh.SinceStart.Elapsed;
        }

        // Cold, behind a load balancer: /readyz ready (counted from the process start), then the first GET /.
        await using var dashboard = DashboardInstance.Start(settings.DynamoDb, set.Tables, settings.Dashboard);
        var readyAt = await dashboard.WaitForAsync("/readyz", TimeSpan.FromMinutes(2));
        var (firstWhenReady, firstHtml) = await dashboard.GetPageAsync();

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
        var first = await circuits.OpenAsync(settings.Artifacts is { } shots ? Path.Combine(shots, $"page-{set.Days}x{set.Categories}.png") : null);
        var one = await GcHeap.LiveBytesAsync(dashboard.ProcessId);
        for (var i = 0; i < settings.ExtraCircuits; i++)
        {
            await circuits.OpenAsync();
        }

        // Let the last pages' circuits settle (render batches acknowledged, chart data sent) before counting.
        await Task.Delay(TimeSpan.FromSeconds(1));
        var many = await GcHeap.LiveBytesAsync(dashboard.ProcessId);
        var (peakRss, _) = dashboard.ResidentBytes();
        return new RunResult(
            set, firstWhenAlive, firstWhenAliveDone, readyAt, firstWhenReady, warm, Encoding.UTF8.GetByteCount(html), first,
            one, many, (many - one) / Math.Max(1, settings.ExtraCircuits), peakRss);
    }

    private static void Progress(string message) => Console.Error.WriteLine($"[bench dashboard] {message}");
}

/// <summary>What one fresh dashboard process measured.</summary>
internal sealed record RunResult(
    DataSet Set,
    TimeSpan FirstWhenAlive,
    TimeSpan FirstWhenAliveDone,
    TimeSpan Ready,
    TimeSpan FirstWhenReady,
    IReadOnlyList<TimeSpan> Warm,
    int HtmlBytes,
    OpenedPage FirstPage,
    long HeapWithOneCircuit,
    long HeapWithMany,
    long BytesPerCircuit,
    long PeakRss);
