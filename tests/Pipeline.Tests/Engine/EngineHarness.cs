using Kpi.Pipeline.Engine;
using Kpi.Pipeline.Engine.DuckDb;
using Kpi.Pipeline.Sources;

namespace Kpi.Pipeline.Tests.Engine;

/// <summary>Runs the DuckDB engine over a local folder, as the runner does, without DynamoDB.</summary>
internal static class EngineHarness
{
    public static async Task<(ValidationReport Report, KpiResult Kpis)> RunAsync(string folder)
    {
        await using var source = new LocalFolderSource(folder);
        await using var engine = new DuckDbEngine();
        var input = await source.DiscoverAsync(CancellationToken.None);
        await engine.ReadAsync(input, CancellationToken.None);
        var report = await engine.ValidateAsync(CancellationToken.None);
        var kpis = await engine.ComputeAsync(CancellationToken.None);
        return (report, kpis);
    }
}
