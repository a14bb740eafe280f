namespace Kpi.TestSupport;

/// <summary>Waits for something another process or a background loop brings about, failing after a generous bound.</summary>
public static class Eventually
{
    public static async Task HoldsAsync(Func<bool> condition, string what, int seconds = 30)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (!condition() && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }

        if (!condition())
        {
            throw new TimeoutException($"Not within {seconds} s: {what}.");
        }
    }
}
