namespace Kpi.Dashboard.Runs.Ecs;

/// <summary>A task RunTask started: its ARN (to keep in the run record) and its first status (usually PROVISIONING).</summary>
internal sealed record EcsTaskHandle(string TaskArn, string LastStatus);
