using Kpi.Shared.Runs;
using Microsoft.Extensions.Logging;

namespace Kpi.Pipeline.Running;

/// <summary>The pipeline's progress messages: one per stage with its counts and duration.</summary>
internal static partial class PipelineLog
{
    [LoggerMessage(1, LogLevel.Information, "Run {RunId} started: source {Source}, engine {Engine}")]
    public static partial void RunStarted(this ILogger logger, string runId, string source, string engine);

    [LoggerMessage(2, LogLevel.Information, "discover: {Files} file(s), {Bytes:N0} bytes in {Elapsed:F2}s")]
    public static partial void Discovered(this ILogger logger, int files, long bytes, double elapsed);

    [LoggerMessage(3, LogLevel.Information, "read: {Table} {Rows:N0} row(s) from {Files} file(s)")]
    public static partial void TableRead(this ILogger logger, string table, long rows, int files);

    [LoggerMessage(4, LogLevel.Information, "read: done in {Elapsed:F2}s")]
    public static partial void ReadDone(this ILogger logger, double elapsed);

    [LoggerMessage(5, LogLevel.Information, "validate: {Table} {Rejected:N0} of {Rows:N0} row(s) rejected")]
    public static partial void TableValidated(this ILogger logger, string table, long rejected, long rows);

    /// <summary>
    /// One field per property, so that log queries (e.g. CloudWatch Logs Insights) can filter on them. A sample
    /// whose line the engine cannot know (Spark on a file only the cluster reads) has no line, rather than a false one.
    /// </summary>
    public static void Rejected(this ILogger logger, RejectSample sample)
    {
        if (sample.Line is { } line)
        {
            logger.RejectedAtLine(sample.Table, sample.File, line, sample.Column, sample.Reason, sample.Value ?? "");
        }
        else
        {
            logger.RejectedInFile(sample.Table, sample.File, sample.Column, sample.Reason, sample.Value ?? "");
        }
    }

    [LoggerMessage(6, LogLevel.Warning, "rejected: {Table}: {File} line {Line}, column {Column}: {Reason} (value: '{Value}')")]
    private static partial void RejectedAtLine(this ILogger logger, string table, string file, long line, string column, string reason, string value);

    [LoggerMessage(17, LogLevel.Warning, "rejected: {Table}: {File}, column {Column}: {Reason} (value: '{Value}')")]
    private static partial void RejectedInFile(this ILogger logger, string table, string file, string column, string reason, string value);

    [LoggerMessage(7, LogLevel.Information, "validate: done in {Elapsed:F2}s")]
    public static partial void ValidateDone(this ILogger logger, double elapsed);

    [LoggerMessage(8, LogLevel.Information,
        "compute: {CategoryRows} category row(s), {OrderRows} order row(s); {UnknownProduct} item(s) with unknown product, {UnknownOrder} with unknown order; {Elapsed:F2}s")]
    public static partial void Computed(this ILogger logger, int categoryRows, int orderRows, long unknownProduct, long unknownOrder, double elapsed);

    [LoggerMessage(9, LogLevel.Information, "write: {Rows} item(s) to {Table} in {Elapsed:F2}s")]
    public static partial void Written(this ILogger logger, long rows, string table, double elapsed);

    [LoggerMessage(10, LogLevel.Information, "Run {RunId} succeeded in {Elapsed:F2}s")]
    public static partial void RunSucceeded(this ILogger logger, string runId, double elapsed);

    [LoggerMessage(11, LogLevel.Error, "Run {RunId} failed, nothing written: {Reason}")]
    public static partial void RunRejected(this ILogger logger, string runId, string reason);

    [LoggerMessage(12, LogLevel.Error, "Run {RunId} failed: {Reason}")]
    public static partial void RunFailed(this ILogger logger, Exception exception, string runId, string reason);

    [LoggerMessage(13, LogLevel.Error, "Could not save the record of run {RunId} in the runs table: {Reason}")]
    public static partial void RunRecordFailed(this ILogger logger, Exception exception, string runId, string reason);

    [LoggerMessage(15, LogLevel.Error, "Run {RunId} refused: {Reason}")]
    public static partial void RunRefused(this ILogger logger, string runId, string reason);

    [LoggerMessage(16, LogLevel.Error, "Run {RunId} {Reason}: stages stopped, staged files removed")]
    public static partial void RunCancelled(this ILogger logger, string runId, string reason);

    [LoggerMessage(14, LogLevel.Information, "tables: created or found {Category}, {Order}, {Runs}")]
    public static partial void TablesReady(this ILogger logger, string category, string order, string runs);
}
