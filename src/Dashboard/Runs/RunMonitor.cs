using System.Collections.Concurrent;
using Kpi.Dashboard.Data;
using Kpi.Shared;
using Kpi.Shared.Runs;
using Kpi.Shared.Storage;
using Microsoft.Extensions.Options;

namespace Kpi.Dashboard.Runs;

/// <summary>
/// The one owner of requested runs' state on this dashboard: it watches each active run (its record and its
/// process or task), records what the launcher sees, ends a run whose process or task stopped without the
/// pipeline finishing its record (or that ran past the timeout), and tells open pages. After a restart it
/// resumes from the records (and the task ARNs stored in them), not from memory.
/// </summary>
public sealed partial class RunMonitor(
    DynamoRunStore runs,
    IRunLauncher launcher,
    KpiReader reader,
    RunNotifier notifier,
    IOptions<LauncherOptions> options,
    TimeProvider time,
    ILogger<RunMonitor> logger) : BackgroundService
{
    public const int HistorySize = 20;

    /// <summary>How long after its record finished a run's task or process is still watched for its exit code.</summary>
    private static readonly TimeSpan FinishGrace = TimeSpan.FromMinutes(5);

    /// <summary>How often the latest runs are read even when none of this dashboard's changed: runs of the schedule, the CLI, other dashboards.</summary>
    public static readonly TimeSpan HistoryInterval = TimeSpan.FromSeconds(15);

    private readonly ConcurrentDictionary<string, KpiRun?> _watched = new();
    private readonly HashSet<string> _announced = []; // only the monitor loop touches it
    private readonly HashSet<string> _stopping = []; // timed-out runs whose stop has not gone through yet; the loop's too
    private readonly SemaphoreSlim _wake = new(0);
    private IReadOnlyList<KpiRun> _history = [];
    private DateTimeOffset _historyReadAt;

    /// <summary>The latest runs, newest first, as last read (one Query on the runs index per change).</summary>
    public IReadOnlyList<KpiRun> History => _history;

    /// <summary>The requested run that is PENDING or RUNNING, if any.</summary>
    public KpiRun? Active => _history.FirstOrDefault(run => run.Trigger is not null && !run.Status.IsFinished());

    /// <summary>Starts watching a run (just requested) and tells pages about it.</summary>
    public async Task WatchAsync(string runId)
    {
        _watched.TryAdd(runId, null);
        await RefreshHistoryAsync(CancellationToken.None);
        _wake.Release();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await ResumeAsync(stoppingToken);
        var interval = TimeSpan.FromSeconds(Math.Min(options.Value.PollSeconds, HistoryInterval.TotalSeconds));
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await _wake.WaitAsync(interval, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }

            // Each run and the history on their own: a run whose check keeps failing (a stop ECS refuses) holds up
            // neither the other runs nor the history.
            foreach (var runId in _watched.Keys)
            {
                await TryAsync(() => CheckAsync(runId, stoppingToken), stoppingToken);
            }

            if (time.GetUtcNow() - _historyReadAt >= HistoryInterval)
            {
                await TryAsync(() => RefreshHistoryAsync(stoppingToken, onlyIfChanged: true), stoppingToken);
            }
        }
    }

    /// <summary>One step of a tick; a failure (DynamoDB or the launcher unreachable) is logged and tried again on the next.</summary>
    private async Task TryAsync(Func<Task> step, CancellationToken stoppingToken)
    {
        try
        {
            await step();
        }
        catch (Exception ex) when (!(ex is OperationCanceledException && stoppingToken.IsCancellationRequested))
        {
            // The message may quote a stored value (a runs item written by hand): escaped, as everywhere in this class.
            LogCheckFailed(ex.GetType().Name, TerminalText.Printable(ex.Message));
        }
    }

    /// <summary>Unfinished requested runs among the latest: watched again.</summary>
    private async Task ResumeAsync(CancellationToken cancellationToken)
    {
        for (var attempt = 0; !cancellationToken.IsCancellationRequested; attempt++)
        {
            try
            {
                await RefreshHistoryAsync(cancellationToken);
                foreach (var run in _history.Where(run => run.Trigger is not null && !run.Status.IsFinished()))
                {
                    _watched.TryAdd(run.RunId, null);
                    // Run ids (and reasons) come from the runs table, which any writer fills: logged with control
                    // characters escaped, as everywhere in this class.
                    LogResumed(TerminalText.Printable(run.RunId), run.Status.ToStoredName());
                }

                return;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogCheckFailed(ex.GetType().Name, TerminalText.Printable(ex.Message));
                await Task.Delay(TimeSpan.FromSeconds(Math.Min(30, 2 << Math.Min(attempt, 4))), time, cancellationToken);
            }
        }
    }

    private async Task CheckAsync(string runId, CancellationToken cancellationToken)
    {
        var run = await runs.GetAsync(runId, cancellationToken);
        if (run is null)
        {
            _watched.TryRemove(runId, out _);
            return;
        }

        var changed = _watched.TryGetValue(runId, out var seen) && !run.SameAs(seen);
        var launch = run.Launch ?? new RunLaunch(launcher.Name, null, null, null, null);
        if (_stopping.Contains(runId))
        {
            // A stop that failed (ECS throttling, a network fault) is tried again: the lock stays until it went through.
            await StopTimedOutAsync(run, launch, cancellationToken);
            return;
        }

        if (run.Status.IsFinished())
        {
            await AnnounceFinishedAsync(run, cancellationToken);
        }

        var polled = launch.IsStopped() ? launch : await launcher.PollAsync(runId, launch, cancellationToken);
        if (polled != launch)
        {
            await runs.UpdateLaunchAsync(runId, polled, cancellationToken);
            changed = true;
        }

        if (run.Status.IsFinished())
        {
            // The task or process usually stops a moment after the pipeline wrote its record: keep its exit code too.
            if (polled.IsStopped() || time.GetUtcNow() - run.FinishedAt > FinishGrace)
            {
                _watched.TryRemove(runId, out _);
                await RefreshHistoryAsync(cancellationToken);
            }

            return;
        }

        if (polled.IsStopped())
        {
            // The pipeline finishes its record before it exits: read it once more before calling it lost.
            var final = await runs.GetAsync(runId, cancellationToken);
            if (final is not null && !final.Status.IsFinished())
            {
                await FailAsync(final, StoppedReason(polled), cancellationToken);
            }

            _watched.TryRemove(runId, out _);
            await AnnounceFinishedAsync((await runs.GetAsync(runId, cancellationToken))!, cancellationToken);
            return;
        }

        var timeout = TimeSpan.FromMinutes(options.Value.TimeoutMinutes);
        if (time.GetUtcNow() - run.StartedAt > timeout)
        {
            // The reason is recorded first: stopped, the pipeline would record only "cancelled (SIGTERM)".
            await FailAsync(run, $"Stopped after the {options.Value.TimeoutMinutes}-minute timeout (Launcher__TimeoutMinutes).", cancellationToken);
            _stopping.Add(runId);
            await StopTimedOutAsync(run, polled, cancellationToken);
            return;
        }

        _watched[runId] = run;
        if (changed)
        {
            await RefreshHistoryAsync(cancellationToken);
        }
    }

    /// <summary>Stops a timed-out run (StopTask, SIGTERM); once that went through, frees the lock and tells pages.</summary>
    private async Task StopTimedOutAsync(KpiRun run, RunLaunch launch, CancellationToken cancellationToken)
    {
        await launcher.StopAsync(run.RunId, launch, "timed out", cancellationToken);
        _stopping.Remove(run.RunId);
        await AnnounceFinishedAsync((await runs.GetAsync(run.RunId, cancellationToken))!, cancellationToken);
    }

    private async Task FailAsync(KpiRun run, string reason, CancellationToken cancellationToken)
    {
        try
        {
            await runs.FinishUnfinishedAsync(run with { Status = RunStatus.Failed, FinishedAt = time.GetUtcNow(), Error = reason }, cancellationToken);
            LogEnded(TerminalText.Printable(run.RunId), TerminalText.Printable(reason));
        }
        catch (RunConflictException)
        {
            // The pipeline finished its record in the meantime: its word stands.
        }
    }

    /// <summary>Once per run: frees the lock, and after a success has the reader take the new figures, then tells pages.</summary>
    private async Task AnnounceFinishedAsync(KpiRun run, CancellationToken cancellationToken)
    {
        if (!_announced.Add(run.RunId))
        {
            return;
        }

        await runs.ReleaseActiveAsync(run.RunId, cancellationToken);
        if (run.Status == RunStatus.Succeeded)
        {
            await reader.RefreshAsync(cancellationToken);
        }

        LogFinished(TerminalText.Printable(run.RunId), run.Status.ToStoredName());
        await RefreshHistoryAsync(cancellationToken);
    }

    /// <summary>When the latest runs were last read (default until the first read, at start).</summary>
    internal DateTimeOffset HistoryReadAt => _historyReadAt;

    private async Task RefreshHistoryAsync(CancellationToken cancellationToken, bool onlyIfChanged = false)
    {
        var latest = await runs.ListLatestAsync(HistorySize, cancellationToken);
        _historyReadAt = time.GetUtcNow();
        var changed = latest.Count != _history.Count || latest.Zip(_history).Any(pair => !pair.First.SameAs(pair.Second));
        _history = latest;
        if (changed || !onlyIfChanged)
        {
            await notifier.NotifyAsync();
        }
    }

    private static string StoppedReason(RunLaunch launch)
    {
        var code = launch.ExitCode is { } exitCode ? $" with exit code {exitCode}" : "";
        var detail = string.IsNullOrWhiteSpace(launch.StoppedReason) ? "" : $": {launch.StoppedReason}";
        return $"The pipeline's {(launch.Launcher == "ecs" ? "task" : "process")} stopped{code} before finishing its run record{detail}";
    }

    [LoggerMessage(1, LogLevel.Warning, "Run monitor check failed, will retry: {Reason} ({ExceptionType})")]
    private partial void LogCheckFailed(string exceptionType, string reason);

    [LoggerMessage(2, LogLevel.Information, "Watching run {RunId} again ({Status}) after a restart")]
    private partial void LogResumed(string runId, string status);

    [LoggerMessage(3, LogLevel.Warning, "Run {RunId} recorded FAILED by the monitor: {Reason}")]
    private partial void LogEnded(string runId, string reason);

    [LoggerMessage(4, LogLevel.Information, "Run {RunId} finished: {Status}")]
    private partial void LogFinished(string runId, string status);
}
