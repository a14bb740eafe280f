using Kpi.Shared.Runs;
using Kpi.Shared.Storage;
using Microsoft.Extensions.Options;

namespace Kpi.Dashboard.Runs;

/// <summary>
/// Starts a run for a user: the PENDING record and the active-run lock in one transaction, then the launcher
/// with the dashboard's run settings (the same variables the pipeline reads) and the new run id.
/// </summary>
public sealed partial class RunRequester(
    DynamoRunStore runs,
    IRunLauncher launcher,
    RunMonitor monitor,
    IConfiguration configuration,
    TimeProvider time,
    ILogger<RunRequester> logger)
{
    /// <summary>The launch status of a run whose record and lock are written but that no launcher has taken yet.</summary>
    public const string RequestedStatus = "REQUESTED";

    /// <summary>A launch takes seconds; a requested run still without one after this was never launched.</summary>
    public static readonly TimeSpan LaunchTimeout = TimeSpan.FromMinutes(2);

    /// <summary>Why runs cannot be started here, or null when they can.</summary>
    public string? Unavailable => string.IsNullOrWhiteSpace(configuration[RunRequest.SourceVariable])
        ? $"Run now needs {RunRequest.SourceVariable} (the pipeline's source) in the dashboard's settings."
        : null;

    /// <summary>Creates and launches a run; throws <see cref="ActiveRunExistsException"/> while another is active.</summary>
    public async Task<KpiRun> StartAsync(string trigger, string requestedBy, CancellationToken cancellationToken)
    {
        if (Unavailable is { } reason)
        {
            throw new InvalidOperationException(reason);
        }

        var request = RunRequest.Read(name => configuration[name]);
        request.RunId = Guid.NewGuid().ToString();
        var run = new KpiRun
        {
            RunId = request.RunId,
            Status = RunStatus.Pending,
            StartedAt = time.GetUtcNow(),
            Source = request.Source,
            Engine = request.Engine,
            Trigger = trigger,
            RequestedBy = requestedBy,
            Launch = new RunLaunch(launcher.Name, null, RequestedStatus, null, null),
        };
        try
        {
            await CreateActiveAsync(run, cancellationToken);
        }
        catch (Exception ex) when (ex is not ActiveRunExistsException)
        {
            // DynamoDB did not answer in time, yet the write may still land: the monitor looks for the record.
            await WatchQuietlyAsync(run.RunId);
            throw;
        }

        LogRequested(run.RunId, trigger, requestedBy);
        try
        {
            return await LaunchAsync(run, request);
        }
        finally
        {
            // Whatever happened, the monitor owns the run from here: it ends a run left unfinished and frees the lock.
            await WatchQuietlyAsync(run.RunId);
        }
    }

    /// <summary>
    /// Launches a run whose record and lock exist. Past the lock the run is this dashboard's to finish, so neither
    /// a closed page nor an aborted request stops it half-way (no caller token), and any failure ends it FAILED.
    /// </summary>
    private async Task<KpiRun> LaunchAsync(KpiRun run, RunRequest request)
    {
        RunLaunch? started = null;
        try
        {
            started = await launcher.StartAsync(request, CancellationToken.None);
            await runs.UpdateLaunchAsync(run.RunId, started, CancellationToken.None);
            return run with { Launch = started };
        }
        catch (Exception ex)
        {
            LogLaunchFailed(ex, run.RunId, ex.Message);
            if (started is not null)
            {
                // Started but not recorded: nobody could watch it, so it is stopped rather than left running.
                await StopUnrecordedAsync(run.RunId, started);
            }

            var failed = run with
            {
                Status = RunStatus.Failed,
                FinishedAt = time.GetUtcNow(),
                Error = $"The run could not be started: {ex.Message}",
                Launch = started ?? run.Launch,
            };
            await FinishQuietlyAsync(failed);

            await runs.ReleaseActiveAsync(run.RunId, CancellationToken.None);
            return failed;
        }
    }

    private async Task StopUnrecordedAsync(string runId, RunLaunch launch)
    {
        try
        {
            await launcher.StopAsync(runId, launch, "its launch could not be recorded", CancellationToken.None);
        }
        catch (Exception ex)
        {
            LogStopFailed(ex, runId, ex.Message);
        }
    }

    /// <summary>
    /// Takes the lock. A lock left by a run that has finished (e.g. the dashboard stopped at the wrong moment) is
    /// cleared once, as is one of a run that no launcher took within <see cref="LaunchTimeout"/> (its request
    /// failed after the lock was written: DynamoDB answered too late), which is recorded FAILED first.
    /// </summary>
    private async Task CreateActiveAsync(KpiRun run, CancellationToken cancellationToken)
    {
        try
        {
            await runs.CreateActiveAsync(run, cancellationToken);
            return;
        }
        catch (ActiveRunExistsException ex)
        {
            var active = await runs.GetAsync(ex.ActiveRunId, cancellationToken);
            var neverLaunched = active is { Status: RunStatus.Pending, Launch.LastStatus: RequestedStatus } && time.GetUtcNow() - active.StartedAt > LaunchTimeout;
            if (active is not null && !active.Status.IsFinished() && !neverLaunched)
            {
                throw;
            }

            if (neverLaunched)
            {
                await FinishQuietlyAsync(active! with
                {
                    Status = RunStatus.Failed,
                    FinishedAt = time.GetUtcNow(),
                    Error = "The run was never launched: its request did not complete (DynamoDB did not answer in time).",
                });
            }

            await runs.ReleaseActiveAsync(ex.ActiveRunId, cancellationToken);
        }

        await runs.CreateActiveAsync(run, cancellationToken);
    }

    private async Task FinishQuietlyAsync(KpiRun failed)
    {
        try
        {
            await runs.FinishUnfinishedAsync(failed, CancellationToken.None);
        }
        catch (RunConflictException)
        {
            // It ended in the meantime: its word stands.
        }
    }

    private async Task WatchQuietlyAsync(string runId)
    {
        try
        {
            await monitor.WatchAsync(runId);
        }
        catch (Exception ex)
        {
            // The monitor's first look failed (DynamoDB down): its loop or its start-up resume finds the run later.
            LogWatchFailed(ex, runId, ex.Message);
        }
    }

    [LoggerMessage(1, LogLevel.Information, "Run {RunId} requested ({Trigger}, by {RequestedBy})")]
    private partial void LogRequested(string runId, string trigger, string requestedBy);

    [LoggerMessage(2, LogLevel.Warning, "Run {RunId} could not be started: {Reason}")]
    private partial void LogLaunchFailed(Exception exception, string runId, string reason);

    [LoggerMessage(3, LogLevel.Error, "Run {RunId} was started but could not be recorded or stopped: {Reason}")]
    private partial void LogStopFailed(Exception exception, string runId, string reason);

    [LoggerMessage(4, LogLevel.Warning, "Run {RunId} could not be handed to the run monitor yet: {Reason}")]
    private partial void LogWatchFailed(Exception exception, string runId, string reason);
}
