using System.Diagnostics;
using Kpi.Dashboard.Runs.Local;
using Kpi.TestSupport;

namespace Kpi.Dashboard.Tests.Runs.Local;

/// <summary>A local run is stopped as ECS stops a task: SIGTERM first, a kill only after the grace period.</summary>
public sealed class ProcessStopperTests
{
    [Fact]
    public async Task A_process_gets_SIGTERM_and_may_finish_its_work_before_it_exits()
    {
        using var folder = new TempFolder();
        var marker = Path.Combine(folder.Path, "stopped");
        using var process = Start($"trap 'echo cleaned > \"{marker}\"; exit 7' TERM; echo ready; while true; do sleep 0.1; done");

        await ProcessStopper.StopAsync(process, TimeSpan.FromSeconds(30));

        Assert.True(process.HasExited);
        Assert.Equal(7, process.ExitCode);
        Assert.Equal("cleaned\n", await File.ReadAllTextAsync(marker, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task A_process_that_ignores_SIGTERM_is_killed_after_the_grace_period()
    {
        using var process = Start("trap '' TERM; echo ready; while true; do sleep 0.1; done");

        await ProcessStopper.StopAsync(process, TimeSpan.FromSeconds(1));

        Assert.True(process.WaitForExit(TimeSpan.FromSeconds(10)));
        Assert.Equal(137, process.ExitCode);
    }

    /// <summary>A shell running <paramref name="script"/>, once it has set its trap (it prints "ready").</summary>
    private static Process Start(string script)
    {
        var process = Process.Start(new ProcessStartInfo("/bin/sh") { ArgumentList = { "-c", script }, RedirectStandardOutput = true })!;
        Assert.Equal("ready", process.StandardOutput.ReadLine());
        return process;
    }
}
