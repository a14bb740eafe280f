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
            Launch = new RunLaunch(launcher.Name, null, "REQUESTED", null, null),
        };
        await CreateActiveAsync(run, cancellationToken);
        LogRequested(run.RunId, trigger, requestedBy);

        try
        {
            var launch = await launcher.StartAsync(request, cancellationToken);
            await runs.UpdateLaunchAsync(run.RunId, launch, CancellationToken.None);
            run = run with { Launch = launch };
        }
        catch (Exception ex) when (ex is LaunchFailedException or HttpRequestException)
        {
            LogLaunchFailed(run.RunId, ex.Message);
            run = run with { Status = RunStatus.Failed, FinishedAt = time.GetUtcNow(), Error = $"The run could not be started: {ex.Message}" };
            await runs.FinishUnfinishedAsync(run, CancellationToken.None);
            await runs.ReleaseActiveAsync(run.RunId, CancellationToken.None);
        }

        await monitor.WatchAsync(run.RunId);
        return run;
    }

    /// <summary>Takes the lock; a lock left by a run that has finished (e.g. the dashboard stopped at the wrong moment) is cleared once.</summary>
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
            if (active is not null && !active.Status.IsFinished())
            {
                throw;
            }

            await runs.ReleaseActiveAsync(ex.ActiveRunId, cancellationToken);
        }

        await runs.CreateActiveAsync(run, cancellationToken);
    }

    [LoggerMessage(1, LogLevel.Information, "Run {RunId} requested ({Trigger}, by {RequestedBy})")]
    private partial void LogRequested(string runId, string trigger, string requestedBy);

    [LoggerMessage(2, LogLevel.Warning, "Run {RunId} could not be started: {Reason}")]
    private partial void LogLaunchFailed(string runId, string reason);
}
