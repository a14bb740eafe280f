using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Kpi.Shared;
using Kpi.Shared.Storage;
using Microsoft.Extensions.Options;

namespace Kpi.Dashboard.Data;

/// <summary>
/// The one reader of the KPI tables, shared by every circuit. It checks for a newer successful run at
/// most every few seconds (one Query) and scans the tables again only when one appeared or the copy
/// grew old, so users and renders never cause a scan each. <see cref="KpiSnapshotRefresher"/> does the
/// checking in the background; pages take <see cref="CurrentAsync"/>, which waits for DynamoDB only while
/// there is no snapshot yet.
/// </summary>
public sealed partial class KpiReader(IAmazonDynamoDB dynamo, IOptions<KpiTableOptions> tables, TimeProvider time, ILogger<KpiReader> logger)
{
    public static readonly TimeSpan CheckInterval = TimeSpan.FromSeconds(10);
    public static readonly TimeSpan MaxAge = TimeSpan.FromMinutes(5);

    private readonly DynamoKpiStore _store = new(dynamo, tables.Value);
    private readonly DynamoRunStore _runs = new(dynamo, tables.Value);
    private readonly SemaphoreSlim _refresh = new(1, 1);
    private volatile KpiSnapshot? _snapshot;
    private volatile KpiReadResult? _last;
    private DateTimeOffset _checkedAt;

    /// <summary>
    /// What the last read gave, without waiting for DynamoDB: the shared snapshot, with the error of the last
    /// check if it failed. Only while there is no snapshot yet does it read (or wait for the read in progress).
    /// </summary>
    public async Task<KpiReadResult> CurrentAsync(CancellationToken cancellationToken) =>
        _last is { Snapshot: not null } last ? last : await ReadAsync(cancellationToken);

    /// <summary>The shared snapshot, refreshed first if it has not been checked for a few seconds.</summary>
    public Task<KpiReadResult> ReadAsync(CancellationToken cancellationToken) => ReadAsync(force: false, cancellationToken);

    /// <summary>Reads the tables again now (the user asked to retry).</summary>
    public Task<KpiReadResult> RefreshAsync(CancellationToken cancellationToken) => ReadAsync(force: true, cancellationToken);

    private async Task<KpiReadResult> ReadAsync(bool force, CancellationToken cancellationToken)
    {
        if (!force && IsFresh())
        {
            return new KpiReadResult(_snapshot, null);
        }

        await _refresh.WaitAsync(cancellationToken);
        try
        {
            if (!force && IsFresh())
            {
                return new KpiReadResult(_snapshot, null);
            }

            var latest = await _runs.GetLatestSucceededAsync(cancellationToken);
            var now = time.GetUtcNow();
            if (force || _snapshot is null || latest?.RunId != _snapshot.LatestRun?.RunId || now - _snapshot.LoadedAt > MaxAge)
            {
                var skipped = 0;
                void Skip(UnreadableItem item)
                {
                    Interlocked.Increment(ref skipped);

                    // Key and reason quote the item (a category, a date as written): a newline or an escape sequence
                    // in it must not forge a log line or drive a terminal.
                    LogSkipped(item.Table, TerminalText.Printable(item.Key), TerminalText.Printable(item.Reason));
                }

                // Both tables at once: the first snapshot is what start-up (and /readyz) waits for.
                var categoryRead = _store.ReadCategoryKpisAsync(Skip, cancellationToken);
                var orderRead = _store.ReadOrderKpisAsync(Skip, cancellationToken);
                await Task.WhenAll(categoryRead, orderRead);
                var (categories, orders) = (await categoryRead, await orderRead);
                _snapshot = new KpiSnapshot(categories, orders, latest, now, skipped);
                LogLoaded(categories.Count, orders.Count, latest?.RunId is { } runId ? TerminalText.Printable(runId) : null, skipped);
            }

            _checkedAt = now;
            return _last = new KpiReadResult(_snapshot, null);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogReadFailed(ex, ex.Message);
            return _last = new KpiReadResult(_snapshot, Describe(ex));
        }
        finally
        {
            _refresh.Release();
        }
    }

    /// <summary>The snapshot last read, if any (for the health check).</summary>
    public KpiSnapshot? Latest => _snapshot;

    private bool IsFresh() => _snapshot is not null && time.GetUtcNow() - _checkedAt < CheckInterval;

    /// <summary>What the user is told: the kind of fault, no details (those go to the log).</summary>
    private static string Describe(Exception exception) => exception switch
    {
        ResourceNotFoundException => "A KPI table does not exist in DynamoDB yet; it appears with the first pipeline run.",
        AmazonDynamoDBException { StatusCode: < System.Net.HttpStatusCode.InternalServerError } =>
            "The KPI store (DynamoDB) refused the request; the dashboard's permissions may be missing.",
        _ => UnreachableMessage,
    };

    public const string UnreachableMessage = "The KPI store (DynamoDB) cannot be reached right now.";

    [LoggerMessage(1, LogLevel.Information, "Loaded {CategoryRows} category and {OrderRows} order KPI rows (latest successful run {RunId}); {Skipped} unreadable item(s) left out")]
    private partial void LogLoaded(int categoryRows, int orderRows, string? runId, int skipped);

    [LoggerMessage(3, LogLevel.Warning, "Left out an item of {Table} that holds no KPI row ({Key}): {Reason}")]
    private partial void LogSkipped(string table, string key, string reason);

    [LoggerMessage(2, LogLevel.Warning, "Reading the KPI tables failed: {Reason}")]
    private partial void LogReadFailed(Exception exception, string reason);
}
