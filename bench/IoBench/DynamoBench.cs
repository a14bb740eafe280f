using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Kpi.Shared.Kpis;
using Kpi.Shared.Storage;

namespace Kpi.IoBench;

/// <summary>
/// Writes N category KPI items to a fresh table, either with a plain sequential BatchWriteItem loop (the
/// baseline) or with the pipeline's writer, then counts them back.
/// </summary>
internal static class DynamoBench
{
    public static async Task<int> WriteAsync(string mode, int count, int? inFlight)
    {
        var dynamo = Clients.DynamoDb;
        var table = $"bench_{mode}_{Guid.NewGuid():N}";
        await TableSchemas.EnsureAsync(dynamo, [TableSchemas.Category(table)], CancellationToken.None);
        var (written, seconds, cpu, serverCpu) = await TimeAsync(dynamo, table, mode, count, inFlight);
        var stored = await CountAsync(dynamo, table);
        await dynamo.DeleteTableAsync(table);
        Report(mode, inFlight, count, seconds, cpu, string.Create(CultureInfo.InvariantCulture, $" server_cpu_s={serverCpu:F2} written={written} stored={stored}"));
        return stored == count && written == count ? 0 : 1;
    }

    /// <summary>The same writes to a server that does nothing (<see cref="NullDynamoDb"/>): the client's own cost.</summary>
    public static async Task<int> ClientOnlyAsync(string mode, int count)
    {
        using var server = new NullDynamoDb(FreePort());
        Environment.SetEnvironmentVariable("AWS_ENDPOINT_URL_DYNAMODB", server.Endpoint.ToString());
        var dynamo = Clients.DynamoDb;
        await TimeAsync(dynamo, "warm_up", mode, 1000, null);
        var (_, seconds, cpu, _) = await TimeAsync(dynamo, "null_server", mode, count, null);
        Report(mode + "-client-only", null, count, seconds, cpu, "");
        return 0;
    }

    private static async Task<(long Written, double Seconds, double CpuSeconds, double ServerCpuSeconds)> TimeAsync(IAmazonDynamoDB dynamo, string table, string mode, int count, int? inFlight)
    {
        var computedAt = RunItems.FormatTime(DateTimeOffset.UtcNow);
        var items = Rows(count).Select(row => KpiItems.ToItem(row, "bench", computedAt));
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var serverCpu = ServerCpuSeconds();
        var clock = Stopwatch.StartNew();
        var written = mode switch
        {
            "sequential" => await SequentialAsync(dynamo, table, items),
            "writer" => await new BatchWriter(dynamo, inFlight is { } n ? new BatchWriterSettings { MaxCallsInFlight = n } : null).PutAllAsync(table, items, CancellationToken.None),
            _ => throw new ArgumentException($"unknown mode '{mode}': sequential or writer"),
        };
        var seconds = clock.Elapsed.TotalSeconds;
        return (written, seconds, (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds, ServerCpuSeconds() - serverCpu);
    }

    private static void Report(string mode, int? inFlight, int count, double seconds, double cpu, string extra) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"mode={mode} in_flight={inFlight?.ToString(CultureInfo.InvariantCulture) ?? "default"} items={count} seconds={seconds:F2} items_per_s={count / seconds:F0} client_cpu_s={cpu:F2}{extra}"));

    /// <summary>Distinct keys: 100 categories, one row per category and day.</summary>
    private static IEnumerable<CategoryKpi> Rows(int count) => Enumerable.Range(0, count).Select(i =>
        new CategoryKpi($"category-{i % 100:D3}", new DateOnly(2000, 1, 1).AddDays(i / 100), 1234.56m + i, 12.5 + (i * 0.001), 0.2));

    /// <summary>The baseline: one BatchWriteItem of 25 at a time, UnprocessedItems resent until empty.</summary>
    private static async Task<long> SequentialAsync(IAmazonDynamoDB dynamo, string table, IEnumerable<Dictionary<string, AttributeValue>> items)
    {
        long written = 0;
        foreach (var batch in items.Chunk(BatchWriter.MaxRequestsPerCall))
        {
            var pending = new Dictionary<string, List<WriteRequest>> { [table] = [.. batch.Select(item => new WriteRequest(new PutRequest(item)))] };
            while (pending.Count > 0)
            {
                pending = (await dynamo.BatchWriteItemAsync(new BatchWriteItemRequest { RequestItems = pending })).UnprocessedItems ?? [];
            }

            written += batch.Length;
        }

        return written;
    }

    private static async Task<long> CountAsync(IAmazonDynamoDB dynamo, string table)
    {
        long count = 0;
        var request = new ScanRequest { TableName = table, Select = Select.COUNT };
        await foreach (var page in dynamo.Paginators.Scan(request).Responses)
        {
            count += page.Count ?? 0;
        }

        return count;
    }

    /// <summary>CPU seconds used so far by the DynamoDB process named in BENCH_SERVER_PID (Linux /proc), else 0.</summary>
    private static double ServerCpuSeconds()
    {
        if (Environment.GetEnvironmentVariable("BENCH_SERVER_PID") is not { Length: > 0 } pid)
        {
            return 0;
        }

        // Fields 14 and 15 (utime, stime) in clock ticks, counted after the parenthesised command name.
        var fields = File.ReadAllText($"/proc/{pid}/stat").Split(')')[^1].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / 100.0;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
