namespace Kpi.Dashboard.Runs.Ecs;

internal sealed record StopTaskRequest(string Cluster, string Task, string Reason);

internal sealed record StopTaskResponse(EcsTask? Task);
