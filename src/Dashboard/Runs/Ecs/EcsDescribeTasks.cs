namespace Kpi.Dashboard.Runs.Ecs;

internal sealed record DescribeTasksRequest(string Cluster, IReadOnlyList<string> Tasks);

internal sealed record DescribeTasksResponse(IReadOnlyList<EcsTask>? Tasks, IReadOnlyList<EcsFailure>? Failures);
