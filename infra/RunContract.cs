using Kpi.Shared.Runs;
using Kpi.Shared.Storage;

namespace Kpi.Infra;

/// <summary>
/// The environment the pipeline reads (the one run contract, <see cref="RunRequest"/>), named in one place for the
/// task definition, the schedule and the dashboard.
/// </summary>
public static class RunContract
{
    public const string Source = RunRequest.SourceVariable;
    public const string Engine = RunRequest.EngineVariable;
    public const string CategoryTable = KpiTableOptions.CategoryTableVariable;
    public const string OrderTable = KpiTableOptions.OrderTableVariable;
    public const string RunsTable = KpiTableOptions.RunsTableVariable;
    public const string MaxRejectedRatio = RunRequest.MaxRejectedRatioVariable;

    /// <summary>The Spark Connect connection string; it holds a token, so the task gets it only as a secret.</summary>
    public const string SparkRemote = RunRequest.SparkRemoteVariable;

    /// <summary>Read by the pipeline's logging, not part of a run request.</summary>
    public const string LogFormat = "KPI_LOG_FORMAT";
    public const string Region = "AWS_REGION";

    public const string DuckDbEngine = RunRequest.DefaultEngine;

    /// <summary>The name the pipeline's Spark Connect engine is registered under.</summary>
    public const string SparkEngine = RunRequest.SparkEngine;
    public const string JsonLogs = "json";
}
