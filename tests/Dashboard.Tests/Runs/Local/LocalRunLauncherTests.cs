using System.Diagnostics;
using System.Globalization;
using System.Runtime.Versioning;
using Kpi.Dashboard.Runs;
using Kpi.Dashboard.Runs.Local;
using Kpi.Shared.Runs;
using Kpi.TestSupport;
using Microsoft.Extensions.Options;

namespace Kpi.Dashboard.Tests.Runs.Local;

/// <summary>The local launcher's stop: the signal is sent at once, and the grace period does not hold up the caller.</summary>
[SupportedOSPlatform("linux")]
public sealed class LocalRunLauncherTests
{
    [Fact]
    public async Task A_stop_sends_SIGTERM_and_returns_without_waiting_for_the_grace_period()
    {
        using var folder = new TempFolder();
        var ready = Path.Combine(folder.Path, "ready");
        var stopped = Path.Combine(folder.Path, "stopped");
        // A pipeline that notes SIGTERM and goes on running, as one busy past its stop would.
        var script = Path.Combine(folder.Path, "pipeline.sh");
        await File.WriteAllTextAsync(script, $"#!/bin/sh\ntrap 'echo term >> \"{stopped}\"' TERM\ntouch \"{ready}\"\nwhile true; do sleep 0.1; done\n", TestContext.Current.CancellationToken);
        File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        await using var launcher = new LocalRunLauncher(Options.Create(new LauncherOptions { Local = { PipelinePath = script } }));
        var request = RunRequest.Read(name => name == RunRequest.RunIdVariable ? "run-1" : null);

        var launch = await launcher.StartAsync(request, TestContext.Current.CancellationToken);
        using var process = Process.GetProcessById(int.Parse(launch.TaskArn!["pid ".Length..], CultureInfo.InvariantCulture));
        try
        {
            await Eventually.HoldsAsync(() => File.Exists(ready), "the script's trap set");

            var stop = launcher.StopAsync(request.RunId, launch, "timed out", TestContext.Current.CancellationToken);

            // The run monitor awaits this: it must not wait out the 30-second grace before its next check.
            Assert.True(stop.IsCompleted);
            // The shell creates the file before it writes the line: wait for the line.
            await Eventually.HoldsAsync(() => File.Exists(stopped) && File.ReadAllText(stopped) == "term\n", "SIGTERM received");
            Assert.Equal("RUNNING", (await launcher.PollAsync(request.RunId, launch, TestContext.Current.CancellationToken)).LastStatus);
        }
        finally
        {
            process.Kill();
            await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        }
    }
}
