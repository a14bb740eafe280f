namespace Kpi.Shared.Runs;

/// <summary>The record of one pipeline run, kept in the runs table.</summary>
public sealed record KpiRun
{
    public required string RunId { get; init; }
    public required RunStatus Status { get; init; }
    public required DateTimeOffset StartedAt { get; init; }
    public DateTimeOffset? FinishedAt { get; init; }
    public required string Source { get; init; }
    public required string Engine { get; init; }
    public IReadOnlyList<TableInputStats> Tables { get; init; } = [];
    public IReadOnlyList<RejectSample> RejectSamples { get; init; } = [];
    public long UnknownProductItems { get; init; }
    public long UnknownOrderItems { get; init; }
    public long CategoryRowsWritten { get; init; }
    public long OrderRowsWritten { get; init; }
    public long ObjectsRead { get; init; }
    public long BytesRead { get; init; }
    public string? Error { get; init; }
}
