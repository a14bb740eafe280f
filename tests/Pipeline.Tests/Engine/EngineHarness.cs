using Kpi.Pipeline.Engine;
using Kpi.Pipeline.Engine.DuckDb;
using Kpi.Pipeline.Sources;

namespace Kpi.Pipeline.Tests.Engine;

/// <summary>
/// Runs an engine's session over a local folder, as the runner does, without DynamoDB and without the input
/// policy (tests apply it themselves), except that, like the runner, it computes no KPIs over duplicated keys
/// (the runner fails such a run first): the KPIs are empty then.
/// </summary>
internal static class EngineHarness
{
    public static Task<(ValidationReport Report, KpiResult Kpis)> RunAsync(string folder) => RunAsync(new DuckDbEngine(), folder);

    public static async Task<(ValidationReport Report, KpiResult Kpis)> RunAsync(IKpiEngine engine, string folder)
    {
        await using var source = new LocalFolderSource(folder);
        var input = await source.DiscoverAsync(engine.ReadsLocalFiles, CancellationToken.None);
        await using var session = engine.OpenSession(input);
        await session.ReadAsync(CancellationToken.None);
        var report = await session.ValidateAsync(CancellationToken.None);
        var kpis = report.Duplicates.Count == 0 ? await session.ComputeAsync(CancellationToken.None) : new KpiResult([], [], 0, 0);
        return (report, kpis);
    }
}
