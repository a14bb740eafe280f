using Kpi.Shared.Runs;

namespace Kpi.Dashboard.Runs;

/// <summary>Starts pipeline runs somewhere (a local process, an ECS task) and reports on them.</summary>
public interface IRunLauncher
{
    /// <summary>The launcher's name as stored in run records: <c>local</c> or <c>ecs</c>.</summary>
    string Name { get; }

    /// <summary>Starts the pipeline with the request's environment; throws <see cref="LaunchFailedException"/> with the reason.</summary>
    Task<RunLaunch> StartAsync(RunRequest request, CancellationToken cancellationToken);

    /// <summary>The current state of a started run, from what <see cref="StartAsync"/> returned (and was stored).</summary>
    Task<RunLaunch> PollAsync(string runId, RunLaunch launch, CancellationToken cancellationToken);

    /// <summary>Stops a run (StopTask, or kills the process).</summary>
    Task StopAsync(string runId, RunLaunch launch, string reason, CancellationToken cancellationToken);
}

/// <summary>The launcher could not start the run; the message says why (e.g. ECS's <c>RESOURCE:ENI</c>).</summary>
public sealed class LaunchFailedException(string message, Exception? inner = null) : Exception(message, inner)
{
    /// <summary>The launcher's own word for the failure, e.g. ECS's failure reason "RESOURCE:ENI".</summary>
    public string? Reason { get; init; }
}

public static class RunLaunchExtensions
{
    /// <summary>The launcher's last status when the process or task has ended.</summary>
    public const string Stopped = "STOPPED";

    public static bool IsStopped(this RunLaunch launch) => launch.LastStatus == Stopped;
}
