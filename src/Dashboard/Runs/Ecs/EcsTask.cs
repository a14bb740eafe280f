namespace Kpi.Dashboard.Runs.Ecs;

/// <summary>The fields of an ECS task the dashboard reads; ECS sends many more, which are ignored.</summary>
internal sealed record EcsTask(
    string TaskArn,
    string? LastStatus,
    string? DesiredStatus,
    string? StopCode,
    string? StoppedReason,
    IReadOnlyList<EcsContainer>? Containers);

internal sealed record EcsContainer(string? Name, string? LastStatus, int? ExitCode, string? Reason);

/// <summary>One entry of <c>failures[]</c>, e.g. reason RESOURCE:ENI on RunTask or MISSING on DescribeTasks.</summary>
internal sealed record EcsFailure(string? Arn, string? Reason, string? Detail);
