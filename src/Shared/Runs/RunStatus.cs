namespace Kpi.Shared.Runs;

/// <summary>PENDING (requested, not started) → RUNNING → SUCCEEDED or FAILED; the last two are final.</summary>
public enum RunStatus
{
    Pending,
    Running,
    Succeeded,
    Failed,
}

public static class RunStatusExtensions
{
    /// <summary>SUCCEEDED and FAILED: a run in one of them is never changed again.</summary>
    public static bool IsFinished(this RunStatus status) => status is RunStatus.Succeeded or RunStatus.Failed;

    /// <summary>The stored form: upper case, as in the runs table and the API.</summary>
    public static string ToStoredName(this RunStatus status) => status.ToString().ToUpperInvariant();
}
