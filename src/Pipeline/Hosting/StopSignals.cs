using System.Runtime.InteropServices;

namespace Kpi.Pipeline.Hosting;

/// <summary>
/// SIGTERM (ECS StopTask, scale-in), SIGINT (Ctrl+C), SIGQUIT and SIGHUP (the terminal closed) turn into a cancelled
/// run instead of a dead process: the first one cancels <see cref="Token"/> and remembers its name; later ones change
/// nothing, as the stop that follows is bounded (see <c>PipelineRunner.StopRecordTimeout</c>). A signal ignored when
/// the process started (SIGHUP under nohup) stays ignored: .NET installs no handler for it.
/// </summary>
internal sealed class StopSignals : IDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly List<PosixSignalRegistration> _registrations = [];
    private string? _signal;

    public StopSignals()
    {
        foreach (var signal in (PosixSignal[])[PosixSignal.SIGTERM, PosixSignal.SIGINT, PosixSignal.SIGQUIT, PosixSignal.SIGHUP])
        {
            _registrations.Add(PosixSignalRegistration.Create(signal, OnSignal));
        }
    }

    public CancellationToken Token => _stop.Token;

    /// <summary>The signal that stopped the run (e.g. "SIGTERM"), or null.</summary>
    public string? Signal => Volatile.Read(ref _signal);

    public void Dispose()
    {
        _registrations.ForEach(registration => registration.Dispose());
        _stop.Dispose();
    }

    private void OnSignal(PosixSignalContext context)
    {
        context.Cancel = true;
        if (Interlocked.CompareExchange(ref _signal, context.Signal.ToString(), null) is null)
        {
            _stop.Cancel();
        }
    }
}
