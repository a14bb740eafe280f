using Kpi.Shared.Storage;

namespace Kpi.Infra;

/// <summary>
/// The environment the pipeline reads (the one run contract), named in one place for the task definition,
/// the schedule and the dashboard. The table variables come from Kpi.Shared; the others switch to the
/// constants of Kpi.Shared.Runs.RunRequest once that class is on main.
/// </summary>
public static class RunContract
{
    public const string Source = "KPI_SOURCE";
    public const string Engine = "KPI_ENGINE";
    public const string CategoryTable = KpiTableOptions.CategoryTableVariable;
    public const string OrderTable = KpiTableOptions.OrderTableVariable;
    public const string RunsTable = KpiTableOptions.RunsTableVariable;
    public const string MaxRejectedRatio = "KPI_MAX_REJECTED_RATIO";
    public const string LogFormat = "KPI_LOG_FORMAT";
    public const string Region = "AWS_REGION";

    public const string DuckDbEngine = "duckdb";
    public const string JsonLogs = "json";
}
