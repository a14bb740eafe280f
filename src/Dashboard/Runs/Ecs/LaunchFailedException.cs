namespace Kpi.Dashboard.Runs.Ecs;

/// <summary>RunTask answered without a task: ECS could not place it (e.g. RESOURCE:ENI, RESOURCE:FARGATE).</summary>
internal sealed class LaunchFailedException(string runId, string reason, string? detail)
    : Exception($"ECS could not start run {runId}: {reason}{(string.IsNullOrEmpty(detail) ? "" : $" ({detail})")}")
{
    public string RunId { get; } = runId;

    /// <summary>The failure's reason as ECS gave it, e.g. "RESOURCE:ENI".</summary>
    public string Reason { get; } = reason;

    public string? Detail { get; } = detail;
}
