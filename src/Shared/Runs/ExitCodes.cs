namespace Kpi.Shared.Runs;

/// <summary>The pipeline's exit codes, read by whoever starts it (a shell, ECS, the dashboard's launchers).</summary>
public static class ExitCodes
{
    public const int Success = 0;

    /// <summary>Any other failure: an unreachable service, a refused write, an unexpected exception.</summary>
    public const int Failure = 1;

    /// <summary>The input or a setting is invalid, or the run id belongs to another run; nothing was written to the KPI tables.</summary>
    public const int InvalidInput = 2;
}
