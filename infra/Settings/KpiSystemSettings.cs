namespace Kpi.Infra.Settings;

/// <summary>Everything a user may change about the deployed system, with defaults that deploy as they are.</summary>
public sealed record KpiSystemSettings
{
    public TableSettings Tables { get; init; } = new();

    public SourceSettings Source { get; init; } = new();

    public NetworkSettings Network { get; init; } = new();

    public ImageSettings Images { get; init; } = new();

    public PipelineSettings Pipeline { get; init; } = new();

    public ScheduleSettings Schedule { get; init; } = new();

    public DashboardSettings Dashboard { get; init; } = new();
}
