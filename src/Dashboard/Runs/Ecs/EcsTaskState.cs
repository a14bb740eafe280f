namespace Kpi.Dashboard.Runs.Ecs;

/// <summary>
/// Where a task is: ECS's lastStatus; once stopped, the pipeline container's exit code (null when it never ran,
/// e.g. stopCode TaskFailedToStart) and ECS's stoppedReason ("Essential container in task exited",
/// "CannotPullContainerError: ...", or the reason given to StopTask).
/// </summary>
internal sealed record EcsTaskState(string LastStatus, bool IsStopped, int? ExitCode, string? StoppedReason, string? StopCode = null);
