namespace Kpi.Dashboard.Runs;

/// <summary>Tells open pages that a run changed (started, progressed, finished); pages subscribe and re-render.</summary>
public sealed class RunNotifier
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

    public async Task NotifyAsync()
    {
        Func<Task>[] subscribers;
        lock (_lock)
        {
            subscribers = [.. _subscribers];
        }

        foreach (var subscriber in subscribers)
        {
            try
            {
                await subscriber();
            }
            catch (ObjectDisposedException)
            {
                // A circuit that went away between the copy and the call.
            }
        }
    }

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
