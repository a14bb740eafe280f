namespace Kpi.Shared.Storage;

/// <summary>Attribute names of the runs table.</summary>
public static class RunAttributes
{
    public const string RunId = "run_id";
    public const string Kind = "run_kind";
    public const string KindValue = "run";
    public const string ByStartIndex = "runs_by_start";
    public const string Status = "status";
    public const string StartedAt = "started_at";
    public const string FinishedAt = "finished_at";
    public const string Source = "source";
    public const string Engine = "engine";
    public const string Tables = "tables";
    public const string Table = "table";
    public const string Files = "files";
    public const string RowsRead = "rows_read";
    public const string RowsRejected = "rows_rejected";
    public const string RejectSamples = "reject_samples";
    public const string File = "file";
    public const string Line = "line";
    public const string Column = "column";
    public const string Value = "value";
    public const string Reason = "reason";
    public const string UnknownProductItems = "unknown_product_items";
    public const string UnknownOrderItems = "unknown_order_items";
    public const string CategoryRowsWritten = "category_rows_written";
    public const string OrderRowsWritten = "order_rows_written";
    public const string ObjectsRead = "objects_read";
    public const string BytesRead = "bytes_read";
    public const string Error = "error";
    public const string Trigger = "trigger";
    public const string RequestedBy = "requested_by";
    public const string Launch = "launch";
    public const string Launcher = "launcher";
    public const string TaskArn = "task_arn";
    public const string LastStatus = "last_status";
    public const string ExitCode = "exit_code";
    public const string StoppedReason = "stopped_reason";

    /// <summary>The id of the one item that holds the active run started from the dashboard (not a run: no run_kind).</summary>
    public const string ActiveRunLockId = "#active-run";
    public const string ActiveRunId = "active_run_id";
}
