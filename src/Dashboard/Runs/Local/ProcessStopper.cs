using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Kpi.Dashboard.Runs.Local;

/// <summary>
/// Stops a pipeline process as ECS stops a task: SIGTERM, then, if it is still running after the grace period,
/// a kill. On SIGTERM the pipeline records its run as failed ("stopped") and removes its staged files.
/// </summary>
internal static class ProcessStopper
{
    /// <summary>As ECS waits between SIGTERM and SIGKILL; the pipeline's stop is bounded within it (PipelineRunner).</summary>
    public static readonly TimeSpan Grace = TimeSpan.FromSeconds(30);

    private const int SigTerm = 15;

    public static async Task StopAsync(Process process, TimeSpan grace)
    {
        if (process.HasExited)
        {
            return;
        }

        if (!OperatingSystem.IsWindows() && Kill(process.Id, SigTerm) == 0)
        {
            using var timeout = new CancellationTokenSource(grace);
            try
            {
                await process.WaitForExitAsync(timeout.Token);
                return;
            }
            catch (OperationCanceledException)
            {
                // Still running after the grace period.
            }
        }

        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // It exited in the meantime.
        }
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);
}
