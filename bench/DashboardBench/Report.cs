using System.Globalization;
using System.Text;

namespace Kpi.DashboardBench;

/// <summary>The Markdown report: one row per data set with the median and the spread over runs.</summary>
internal static class Report
{
    public static string Markdown(BenchSettings settings, IReadOnlyList<DataSet> sets, IReadOnlyList<RunResult> results)
    {
        var text = new StringBuilder();
        Line(text, "## Dashboard");
        Line(text, "");
        Line(text, $"Machine: {Environment.ProcessorCount} cores, load average {LoadAverage()} at the end; {settings.Runs} fresh dashboard processes per data set " +
                   $"(Release, `dotnet Kpi.Dashboard.dll`{(settings.Dashboard is null ? "" : $" from {settings.Dashboard}")}, DynamoDB Local on loopback); {settings.WarmRequests} timed warm GET / each; memory from " +
                   $"the GC's own heap statistics after a full blocking GC (live objects) with 1 and {1 + settings.ExtraCircuits} pages open in Chromium. " +
                   "Values: median (min–max over runs; warm: over every request).");
        Line(text, "");
        Line(text, "| data set | cold: first GET / sent when alive (done since start) | cold: /readyz ready since start | cold: first GET / once ready | warm GET / | HTML | time to interactive | bytes over the circuit | DOM with charts drawn | live heap, 1 page | per extra circuit | peak RSS |");
        Line(text, "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |");
        foreach (var set in sets)
        {
            var runs = results.Where(r => r.Set == set).ToList();
            Line(text, $"| {set.Name} ({set.CategoryRows:N0} + {set.Days:N0} rows) " +
                       $"| {Ms(runs.Select(r => r.FirstWhenAlive))} ({Ms(runs.Select(r => r.FirstWhenAliveDone))}) " +
                       $"| {Ms(runs.Select(r => r.Ready))} " +
                       $"| {Ms(runs.Select(r => r.FirstWhenReady))} " +
                       $"| {Ms(runs.SelectMany(r => r.Warm))} " +
                       $"| {Size(runs.Select(r => (long)r.HtmlBytes))} " +
                       $"| {Ms(runs.Select(r => r.FirstPage.Interactive))} " +
                       $"| {Size(runs.Select(r => r.FirstPage.CircuitBytes))} " +
                       $"| {Size(runs.Select(r => (long)r.FirstPage.DomCharacters))} " +
                       $"| {Size(runs.Select(r => r.HeapWithOneCircuit))} " +
                       $"| {Size(runs.Select(r => r.BytesPerCircuit))} " +
                       $"| {Size(runs.Select(r => r.PeakRss))} |");
        }

        return text.ToString();
    }

    private static string Ms(IEnumerable<TimeSpan> values)
    {
        var ms = values.Select(v => v.TotalMilliseconds).Order().ToList();
        return $"{Median(ms):F0} ms ({ms[0]:F0}–{ms[^1]:F0})";
    }

    private static string Size(IEnumerable<long> values)
    {
        var bytes = values.Select(v => (double)v).Order().ToList();
        return $"{Kb(Median(bytes))} ({Kb(bytes[0])}–{Kb(bytes[^1])})";
    }

    private static string Kb(double bytes) => Math.Abs(bytes) >= 1024 * 1024
        ? string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024 / 1024:F2} MB")
        : string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024:F0} KB");

    private static double Median(List<double> sorted) =>
        sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;

    private static string LoadAverage() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";

    private static void Line(StringBuilder text, string line) => text.Append(line).Append('\n');
}
