namespace Kpi.Dashboard.Data;

/// <summary>
/// Reads the KPI tables as soon as the app starts, so no user waits for the first scan (and /readyz turns ready
/// once the snapshot is in), then keeps the shared snapshot fresh: a check for a newer run every
/// <see cref="KpiReader.CheckInterval"/>, a scan only when there is one. Pages only ever read memory.
/// </summary>
internal sealed class KpiSnapshotRefresher(KpiReader reader, TimeProvider time) : BackgroundService
{
    /// <summary>How soon a failed first read is tried again (DynamoDB may start after the dashboard).</summary>
    public static readonly TimeSpan FirstReadRetry = TimeSpan.FromSeconds(2);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                await reader.ReadAsync(stoppingToken);
                await Task.Delay(reader.Latest is null ? FirstReadRetry : KpiReader.CheckInterval, time, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
