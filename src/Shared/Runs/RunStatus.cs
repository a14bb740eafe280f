namespace Kpi.Shared.Runs;

public enum RunStatus
{
    Running,
    Succeeded,
    Failed,
}
