using System.Text.Json;
using Microsoft.Extensions.Options;

namespace Kpi.Dashboard.Runs.Ecs;

/// <summary>
/// Starts a pipeline run as a Fargate task, reads its state and stops it. Keeps no state: the caller keeps the
/// task ARN (in the run record) and polls <see cref="DescribeAsync"/> until the task is STOPPED.
/// </summary>
internal sealed partial class EcsRunLauncher(EcsClient ecs, IOptions<EcsLauncherOptions> options, ILogger<EcsRunLauncher> logger)
{
    /// <summary>RunTask's startedBy: lists the dashboard's tasks (ListTasks --started-by) and shows in the console.</summary>
    public const string StartedBy = "kpi-dashboard";

    private const int MaxClientToken = 64;
    private const int MaxOverrides = 8192;

    private readonly EcsLauncherOptions _options = options.Value;

    /// <summary>
    /// Runs the task definition's container with <paramref name="environment"/> added (KPI_RUN_ID, the table names...).
    /// The run id is RunTask's clientToken, so a retried call for the same run never starts a second task.
    /// </summary>
    /// <exception cref="LaunchFailedException">ECS answered with failures[] and no task (e.g. RESOURCE:ENI).</exception>
    /// <exception cref="EcsException">ECS refused the call (missing cluster, access denied...).</exception>
    public async Task<EcsTaskHandle> StartAsync(string runId, IReadOnlyDictionary<string, string> environment, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(runId) || runId.Length > MaxClientToken || !runId.All(char.IsAscii))
        {
            throw new ArgumentException($"A run id must be 1 to {MaxClientToken} ASCII characters (it is ECS's clientToken), got '{runId}'.", nameof(runId));
        }

        var overrides = new TaskOverride(
            [new ContainerOverride(_options.ContainerName, [.. environment.Select(variable => new EnvironmentVariable(variable.Key, variable.Value))])]);
        var size = JsonSerializer.SerializeToUtf8Bytes(overrides, EcsJsonContext.Default.TaskOverride).Length;
        if (size > MaxOverrides)
        {
            throw new ArgumentException($"The run's environment is too large for ECS: overrides take {size} characters, at most {MaxOverrides}.", nameof(environment));
        }

        var request = new RunTaskRequest(
            _options.Cluster,
            _options.TaskDefinition,
            "FARGATE",
            new NetworkConfiguration(new AwsVpcConfiguration(_options.Subnets, _options.SecurityGroups, _options.AssignPublicIp)),
            overrides,
            StartedBy,
            runId);
        var response = await ecs.RunTaskAsync(request, cancellationToken);
        if (response.Tasks is not [var task, ..])
        {
            var failure = response.Failures?.FirstOrDefault();
            var reason = failure?.Reason ?? "no task and no failure in RunTask's answer";
            throw new LaunchFailedException($"ECS could not start run {runId}: {reason}{(string.IsNullOrEmpty(failure?.Detail) ? "" : $" ({failure.Detail})")}")
            {
                Reason = reason,
            };
        }

        LogStarted(runId, task.TaskArn, task.LastStatus);
        return new EcsTaskHandle(task.TaskArn, task.LastStatus ?? "PROVISIONING");
    }

    /// <summary>The task's state now; the exit code is that of the configured container.</summary>
    /// <exception cref="EcsException">ECS refused the call, or does not know the task (reason MISSING).</exception>
    public async Task<EcsTaskState> DescribeAsync(string taskArn, CancellationToken cancellationToken)
    {
        var response = await ecs.DescribeTasksAsync(new DescribeTasksRequest(_options.Cluster, [taskArn]), cancellationToken);
        var task = response.Tasks?.FirstOrDefault(t => t.TaskArn == taskArn);
        if (task is null)
        {
            var failure = response.Failures?.FirstOrDefault();
            throw new EcsException("DescribeTasks", failure?.Reason ?? "MISSING", $"no task {taskArn} in cluster {_options.Cluster}", null);
        }

        var container = task.Containers?.FirstOrDefault(c => c.Name == _options.ContainerName) ?? task.Containers?.FirstOrDefault();
        var lastStatus = task.LastStatus ?? "UNKNOWN";
        return new EcsTaskState(lastStatus, lastStatus == "STOPPED", container?.ExitCode, task.StoppedReason, task.StopCode);
    }

    /// <summary>Asks ECS to stop the task; it reaches STOPPED later with <paramref name="reason"/> as its stoppedReason.</summary>
    public async Task StopAsync(string taskArn, string reason, CancellationToken cancellationToken)
    {
        await ecs.StopTaskAsync(new StopTaskRequest(_options.Cluster, taskArn, reason), cancellationToken);
        LogStopping(taskArn, reason);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Run {RunId} started as ECS task {TaskArn} ({LastStatus})")]
    private partial void LogStarted(string runId, string taskArn, string? lastStatus);

    [LoggerMessage(Level = LogLevel.Information, Message = "Asked ECS to stop task {TaskArn}: {Reason}")]
    private partial void LogStopping(string taskArn, string reason);
}
