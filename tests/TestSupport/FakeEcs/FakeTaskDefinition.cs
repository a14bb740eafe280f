namespace Kpi.TestSupport.FakeEcs;

/// <summary>
/// A task definition the fake ECS knows: one essential container, run as a local process
/// (<paramref name="FileName"/> with <paramref name="Arguments"/>) with <paramref name="Environment"/> plus RunTask's overrides.
/// </summary>
/// <param name="PlacementFailure">When set, RunTask answers 200 with no task and this failure reason (e.g. "RESOURCE:ENI").</param>
/// <param name="PullError">When set, every task stops before running with stopCode TaskFailedToStart and this stoppedReason.</param>
public sealed record FakeTaskDefinition(
    string Family,
    string ContainerName,
    string FileName,
    IReadOnlyList<string> Arguments,
    IReadOnlyDictionary<string, string>? Environment = null,
    string? PlacementFailure = null,
    string? PullError = null);
