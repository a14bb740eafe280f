namespace Kpi.Dashboard.Runs.Ecs;

/// <summary>RunTask's request as ECS reads it (JSON 1.1, camelCase); only the fields the dashboard sends.</summary>
internal sealed record RunTaskRequest(
    string Cluster,
    string TaskDefinition,
    string LaunchType,
    NetworkConfiguration NetworkConfiguration,
    TaskOverride Overrides,
    string StartedBy,
    string ClientToken,
    int Count = 1);

internal sealed record NetworkConfiguration(AwsVpcConfiguration AwsvpcConfiguration);

internal sealed record AwsVpcConfiguration(IReadOnlyList<string> Subnets, IReadOnlyList<string> SecurityGroups, string AssignPublicIp);

internal sealed record TaskOverride(IReadOnlyList<ContainerOverride> ContainerOverrides);

internal sealed record ContainerOverride(string Name, IReadOnlyList<EnvironmentVariable> Environment);

internal sealed record EnvironmentVariable(string Name, string Value);

/// <summary>A RunTask answer can be HTTP 200 with no task and a failure: that is a failed start.</summary>
internal sealed record RunTaskResponse(IReadOnlyList<EcsTask>? Tasks, IReadOnlyList<EcsFailure>? Failures);
