using Kpi.TestSupport;

namespace Kpi.Dashboard.BrowserTests;

/// <summary>What a dashboard process needs to start runs locally: the source, and the pipeline build of this checkout.</summary>
internal static class RunNowSettings
{
    public static Dictionary<string, string> Local(string source) => new()
    {
        ["KPI_SOURCE"] = source,
        ["Launcher__Mode"] = "Local",
        ["Launcher__Local__PipelinePath"] = BuiltApps.Pipeline,
        ["Launcher__PollSeconds"] = "1",
    };

    /// <summary>Polls until <paramref name="done"/> holds or the bound passes (no timing is asserted).</summary>
    public static async Task<T> WaitForAsync<T>(Func<Task<T>> read, Func<T, bool> done, TimeSpan bound)
    {
        var deadline = DateTime.UtcNow + bound;
        var value = await read();
        while (!done(value) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(200);
            value = await read();
        }

        return value;
    }

    /// <summary>A source whose orders table lacks a required column: the pipeline refuses it (exit 2).</summary>
    public static TempFolder BrokenSource()
    {
        var folder = TestData.Write();
        folder.Write("orders/orders_part1.csv", "order_id,created_at\n1,2025-03-01T10:00:00\n");
        return folder;
    }
}
