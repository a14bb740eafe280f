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

    /// <summary>Who started the run: <c>dashboard</c>, <c>api</c>, or none for a pipeline started directly.</summary>
    public string? Trigger { get; init; }

    /// <summary>The user who asked for the run (their name, or "local user" on loopback without sign-in).</summary>
    public string? RequestedBy { get; init; }

    /// <summary>What ran it, as the launcher reports: the ECS task ARN or the local process id.</summary>
    public RunLaunch? Launch { get; init; }

    /// <summary>
    /// The same record, field by field and its lists item by item: a record's own equality compares lists by
    /// reference, so two reads of one unchanged record are not <c>==</c>.
    /// </summary>
    public bool SameAs(KpiRun? other) =>
        other is not null && Tables.SequenceEqual(other.Tables) && RejectSamples.SequenceEqual(other.RejectSamples) &&
        this with { Tables = other.Tables, RejectSamples = other.RejectSamples } == other;
}

/// <summary>
/// The launcher's view of a run, kept beside what the pipeline records: where it runs, its last status, and,
/// once it stopped, the exit code and the reason given (e.g. ECS's stoppedReason).
/// </summary>
public sealed record RunLaunch(string Launcher, string? TaskArn, string? LastStatus, int? ExitCode, string? StoppedReason);
