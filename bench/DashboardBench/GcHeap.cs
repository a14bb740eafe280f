using System.Diagnostics.Tracing;
using Microsoft.Diagnostics.NETCore.Client;
using Microsoft.Diagnostics.Tracing;
using Microsoft.Diagnostics.Tracing.Parsers;

namespace Kpi.DashboardBench;

/// <summary>
/// The live managed heap of another .NET process: an EventPipe session with the GCHeapCollect keyword makes the
/// runtime run a full, blocking GC, whose GCHeapStats event gives the size of every generation after it, so the
/// figure is live objects only, not garbage waiting for a collection.
/// </summary>
internal static class GcHeap
{
    public static async Task<long> LiveBytesAsync(int processId)
    {
        var client = new DiagnosticsClient(processId);
        var keywords = (long)(ClrTraceEventParser.Keywords.GC | ClrTraceEventParser.Keywords.GCHeapCollect);
        using var session = await client.StartEventPipeSessionAsync(
            [new EventPipeProvider(ClrTraceEventParser.ProviderName, EventLevel.Informational, keywords)], requestRundown: false, circularBufferMB: 64, CancellationToken.None);
        using var source = new EventPipeEventSource(session.EventStream);
        long? bytes = null;
        source.Clr.GCHeapStats += stats =>
        {
            if (bytes is null)
            {
                bytes = stats.GenerationSize0 + stats.GenerationSize1 + stats.GenerationSize2 + stats.GenerationSize3 + stats.GenerationSize4;
                _ = session.StopAsync(CancellationToken.None);
            }
        };
        await Task.Run(source.Process).WaitAsync(TimeSpan.FromMinutes(1));
        return bytes ?? throw new InvalidOperationException($"Process {processId} reported no GC heap statistics.");
    }
}
