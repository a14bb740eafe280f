using Kpi.Shared.Runs;

namespace Kpi.Dashboard.Runs.Ecs;

/// <summary>The ECS launcher as Run now uses it: the task ARN, ECS's status, exit code and stoppedReason go into the run record.</summary>
internal sealed partial class EcsRunLauncher : IRunLauncher
{
    public const string LauncherName = "ecs";

    public string Name => LauncherName;

    async Task<RunLaunch> IRunLauncher.StartAsync(RunRequest request, CancellationToken cancellationToken)
    {
        try
        {
            // SPARK_REMOTE holds a token: the task definition takes it from Secrets Manager, whereas overrides are
            // stored in plain text (DescribeTasks, CloudTrail), so it is never sent as one.
            var environment = request.ToEnvironment().Where(variable => variable.Key != RunRequest.SparkRemoteVariable).ToDictionary();
            var task = await StartAsync(request.RunId, environment, cancellationToken);
            return new RunLaunch(LauncherName, task.TaskArn, task.LastStatus, null, null);
        }
        catch (EcsException ex)
        {
            throw new LaunchFailedException(ex.Message, ex) { Reason = ex.ErrorCode };
        }
    }

    async Task<RunLaunch> IRunLauncher.PollAsync(string runId, RunLaunch launch, CancellationToken cancellationToken)
    {
        if (launch.TaskArn is not { } taskArn)
        {
            return launch with { LastStatus = RunLaunchExtensions.Stopped, StoppedReason = "no ECS task was started for this run" };
        }

        try
        {
            var state = await DescribeAsync(taskArn, cancellationToken);
            var reason = string.Join(": ", new[] { state.StopCode, state.StoppedReason }.Where(part => !string.IsNullOrEmpty(part)));
            return launch with
            {
                LastStatus = state.IsStopped ? RunLaunchExtensions.Stopped : state.LastStatus,
                ExitCode = state.ExitCode,
                StoppedReason = reason.Length > 0 ? reason : null,
            };
        }
        catch (EcsException ex) when (ex.ErrorCode == "MISSING")
        {
            // Stopped tasks stay visible for about an hour; after that ECS has forgotten the task.
            return launch with { LastStatus = RunLaunchExtensions.Stopped, StoppedReason = $"ECS no longer knows task {taskArn}" };
        }
    }

    Task IRunLauncher.StopAsync(string runId, RunLaunch launch, string reason, CancellationToken cancellationToken) =>
        launch.TaskArn is { } taskArn ? StopAsync(taskArn, reason, cancellationToken) : Task.CompletedTask;
}
