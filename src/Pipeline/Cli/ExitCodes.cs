namespace Kpi.Pipeline.Cli;

internal static class ExitCodes
{
    public const int Success = 0;
    public const int Failure = 1;

    /// <summary>The input or a setting is invalid; nothing was written to the KPI tables.</summary>
    public const int InvalidInput = 2;
}
