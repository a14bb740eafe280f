namespace Kpi.Dashboard.Runs;

/// <summary>Tells open pages that a run changed (started, progressed, finished); pages subscribe and re-render.</summary>
public sealed partial class RunNotifier(ILogger<RunNotifier> logger)
{
    private readonly Lock _lock = new();
    private readonly List<Func<Task>> _subscribers = [];

    public IDisposable Subscribe(Func<Task> onChanged)
    {
        lock (_lock)
        {
            _subscribers.Add(onChanged);
        }

        return new Subscription(this, onChanged);
    }

    /// <summary>Calls every page at once; a page that fails or went away is logged and skipped, never the others.</summary>
    public Task NotifyAsync()
    {
        Func<Task>[] subscribers;
        lock (_lock)
        {
            subscribers = [.. _subscribers];
        }

        return Task.WhenAll(subscribers.Select(CallAsync));
    }

    private async Task CallAsync(Func<Task> subscriber)
    {
        try
        {
            await subscriber();
        }
        catch (Exception ex) when (ex is ObjectDisposedException or OperationCanceledException)
        {
            // A page closed between the copy and the call.
        }
        catch (Exception ex)
        {
            LogPageFailed(ex, ex.Message);
        }
    }

    [LoggerMessage(1, LogLevel.Warning, "An open page could not take a run's change: {Reason}")]
    private partial void LogPageFailed(Exception exception, string reason);

    private sealed class Subscription(RunNotifier notifier, Func<Task> onChanged) : IDisposable
    {
        public void Dispose()
        {
            lock (notifier._lock)
            {
                notifier._subscribers.Remove(onChanged);
            }
        }
    }
}
