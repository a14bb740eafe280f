using Kpi.Shared.Runs;

namespace Kpi.Dashboard.Runs;

/// <summary>A run record as the HTTP API shows it.</summary>
public sealed record RunResource(
    string RunId,
    string Status,
    string? Trigger,
    string? RequestedBy,
    DateTimeOffset StartedAt,
    DateTimeOffset? FinishedAt,
    string Source,
    string Engine,
    IReadOnlyList<TableInputStats> Tables,
    IReadOnlyList<RejectSample> RejectSamples,
    long UnknownProductItems,
    long UnknownOrderItems,
    long CategoryRowsWritten,
    long OrderRowsWritten,
    string? Error,
    string? Launcher,
    string? TaskArn,
    string? LastStatus,
    int? ExitCode,
    string? StoppedReason)
{
    public static RunResource From(KpiRun run) => new(
        run.RunId,
        run.Status.ToStoredName(),
        run.Trigger,
        run.RequestedBy,
        run.StartedAt,
        run.FinishedAt,
        run.Source,
        run.Engine,
        run.Tables,
        run.RejectSamples,
        run.UnknownProductItems,
        run.UnknownOrderItems,
        run.CategoryRowsWritten,
        run.OrderRowsWritten,
        run.Error,
        run.Launch?.Launcher,
        run.Launch?.Launcher == "ecs" ? run.Launch.TaskArn : null,
        run.Launch?.LastStatus,
        run.Launch?.ExitCode,
        run.Launch?.StoppedReason);
}

/// <summary>The answer to a run request.</summary>
public sealed record RunAccepted(string RunId, string Status);

/// <summary>The body of <c>POST /api/runs</c>: empty for now (<c>{}</c>), JSON only.</summary>
public sealed record RunRequestBody;
