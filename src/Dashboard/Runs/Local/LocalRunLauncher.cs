using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Kpi.Shared.Runs;
using Microsoft.Extensions.Options;

namespace Kpi.Dashboard.Runs.Local;

/// <summary>
/// Runs the pipeline as a child process of the dashboard (laptop, demo, tests). The process gets the
/// dashboard's environment (its AWS settings) without the sign-in settings, with the run request's variables on top.
/// </summary>
public sealed class LocalRunLauncher(IOptions<LauncherOptions> options) : IRunLauncher, IAsyncDisposable
{
    public const string LauncherName = "local";

    private const int TailLines = 30;

    private readonly ConcurrentDictionary<string, LocalRun> _runs = new();

    public string Name => LauncherName;

    public Task<RunLaunch> StartAsync(RunRequest request, CancellationToken cancellationToken)
    {
        var path = PipelinePaths.Resolve(options.Value.Local.PipelinePath);
        var start = path.EndsWith(".dll", StringComparison.OrdinalIgnoreCase)
            ? new ProcessStartInfo("dotnet") { ArgumentList = { path, "run" } }
            : new ProcessStartInfo(path) { ArgumentList = { "run" } };
        start.UseShellExecute = false;
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;

        // The pipeline needs the dashboard's AWS settings, never its sign-in secrets.
        foreach (var name in start.Environment.Keys.Where(name => name.StartsWith("Auth__", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            start.Environment.Remove(name);
        }

        foreach (var (name, value) in request.ToEnvironment())
        {
            start.Environment[name] = value;
        }

        var run = new LocalRun(new Process { StartInfo = start, EnableRaisingEvents = true });
        try
        {
            run.Start();
        }
        catch (Exception ex) when (ex is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            throw new LaunchFailedException($"Cannot start the pipeline {path}: {ex.Message}", ex);
        }

        _runs[request.RunId] = run;
        return Task.FromResult(new RunLaunch(LauncherName, $"pid {run.Process.Id.ToString(CultureInfo.InvariantCulture)}", "RUNNING", null, null));
    }

    public Task<RunLaunch> PollAsync(string runId, RunLaunch launch, CancellationToken cancellationToken)
    {
        if (!_runs.TryGetValue(runId, out var run))
        {
            return Task.FromResult(launch with
            {
                LastStatus = RunLaunchExtensions.Stopped,
                StoppedReason = "the dashboard that started this local process has restarted; the process is no longer watched",
            });
        }

        if (!run.Process.HasExited)
        {
            return Task.FromResult(launch with { LastStatus = "RUNNING" });
        }

        _runs.TryRemove(runId, out _);
        var exitCode = run.Process.ExitCode;
        var tail = run.Tail();
        run.Process.Dispose();
        // The output's tail says why a process failed; a process that succeeded needs no reason.
        return Task.FromResult(launch with { LastStatus = RunLaunchExtensions.Stopped, ExitCode = exitCode, StoppedReason = exitCode == 0 ? null : tail });
    }

    /// <summary>
    /// SIGTERM, so the pipeline records the stop and removes its staged files; killed after <see cref="ProcessStopper.Grace"/>.
    /// Returns once the signal is sent: the grace runs in the background, so the caller (the run monitor) goes on.
    /// </summary>
    public Task StopAsync(string runId, RunLaunch launch, string reason, CancellationToken cancellationToken)
    {
        if (_runs.TryGetValue(runId, out var run))
        {
            _ = StopInBackgroundAsync(run.Process);
        }

        return Task.CompletedTask;
    }

    private static async Task StopInBackgroundAsync(Process process)
    {
        try
        {
            await ProcessStopper.StopAsync(process, ProcessStopper.Grace);
        }
        catch (Exception ex) when (ex is InvalidOperationException or ObjectDisposedException)
        {
            // It exited and was collected by PollAsync meanwhile.
        }
    }

    /// <summary>Local runs do not outlive the dashboard that watches them: each is stopped as <see cref="StopAsync"/> does.</summary>
    public async ValueTask DisposeAsync()
    {
        await Task.WhenAll(_runs.Values.Select(run => ProcessStopper.StopAsync(run.Process, ProcessStopper.Grace)));
        foreach (var run in _runs.Values)
        {
            run.Process.Dispose();
        }

        _runs.Clear();
    }

    /// <summary>A child process and the last lines it wrote.</summary>
    private sealed class LocalRun(Process process)
    {
        private readonly Queue<string> _tail = new();

        public Process Process { get; } = process;

        public void Start()
        {
            Process.OutputDataReceived += (_, e) => Add(e.Data);
            Process.ErrorDataReceived += (_, e) => Add(e.Data);
            Process.Start();
            Process.BeginOutputReadLine();
            Process.BeginErrorReadLine();
        }

        public string Tail()
        {
            Process.WaitForExit();
            lock (_tail)
            {
                return string.Join('\n', _tail);
            }
        }

        private void Add(string? line)
        {
            if (line is null)
            {
                return;
            }

            lock (_tail)
            {
                _tail.Enqueue(line);
                if (_tail.Count > TailLines)
                {
                    _tail.Dequeue();
                }
            }
        }
    }
}
