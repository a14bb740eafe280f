namespace Kpi.Infra.Settings;

/// <summary>The daily run: an EventBridge rule that starts the pipeline task.</summary>
public sealed record ScheduleSettings
{
    /// <summary>Whether the rule is enabled; a disabled rule stays in the stack and can be enabled later.</summary>
    public bool Enabled { get; init; } = true;

    /// <summary>An EventBridge schedule expression, in UTC: <c>cron(...)</c> or <c>rate(...)</c>. Default: 05:00 UTC daily.</summary>
    public string Expression { get; init; } = "cron(0 5 * * ? *)";
}
