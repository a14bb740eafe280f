using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using Kpi.Shared.Storage;
using Kpi.TestSupport;

namespace Kpi.DashboardBench;

/// <summary>
/// The built dashboard (Release, <c>dotnet Kpi.Dashboard.dll</c>) as its own process on a free loopback port,
/// reading one data set's tables; started fresh for every cold measurement.
/// </summary>
internal sealed class DashboardInstance : IAsyncDisposable
{
    private static readonly string BuiltDll = typeof(DashboardInstance).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "DashboardDll").Value!;

    private readonly LocalProcess _process;

    private DashboardInstance(LocalProcess process, Uri address, int processId)
    {
        _process = process;
        Address = address;
        ProcessId = processId;
        Http = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromMinutes(2) };
    }

    public Uri Address { get; }

    public int ProcessId { get; }

    public HttpClient Http { get; }

    public Stopwatch SinceStart { get; } = Stopwatch.StartNew();

    public string Output => _process.Output;

    /// <summary>Starts <paramref name="dll"/> (default: the Release build next to this benchmark).</summary>
    public static DashboardInstance Start(Uri dynamoEndpoint, KpiTableOptions tables, string? dll = null)
    {
        dll ??= BuiltDll;
        var address = new Uri($"http://127.0.0.1:{LocalProcess.FreePort()}");
        var environment = new Dictionary<string, string>
        {
            ["ASPNETCORE_URLS"] = address.ToString(),
            ["AWS_ENDPOINT_URL_DYNAMODB"] = dynamoEndpoint.ToString(),
            ["AWS_ACCESS_KEY_ID"] = DynamoDbLocal.AccessKey,
            ["AWS_SECRET_ACCESS_KEY"] = DynamoDbLocal.AccessKey,
            ["AWS_REGION"] = "eu-west-1",
            [KpiTableOptions.CategoryTableVariable] = tables.CategoryTable,
            [KpiTableOptions.OrderTableVariable] = tables.OrderTable,
            [KpiTableOptions.RunsTableVariable] = tables.RunsTable,
            ["KPI_DATAPROTECTION_CREATE_TABLE"] = "true",
            ["Logging__LogLevel__Default"] = "Warning",
        };
        var process = new LocalProcess("dotnet", [dll], environment, Path.GetDirectoryName(dll));
        return new DashboardInstance(process, address, process.Id);
    }

    /// <summary>Polls <paramref name="path"/> every few milliseconds until it answers 200; the time since start.</summary>
    public async Task<TimeSpan> WaitForAsync(string path, TimeSpan timeout)
    {
        using var probe = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline && !_process.HasExited)
        {
            try
            {
                using var response = await probe.GetAsync(path);
                if (response.IsSuccessStatusCode)
                {
                    return SinceStart.Elapsed;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }

            await Task.Delay(20);
        }

        throw new InvalidOperationException($"The dashboard did not answer 200 on {path}:\n{Output}");
    }

    /// <summary>One full GET of the page: its time (request sent to last byte read) and its HTML.</summary>
    public async Task<(TimeSpan Time, string Html)> GetPageAsync(string path = "/")
    {
        var clock = Stopwatch.StartNew();
        using var response = await Http.GetAsync(path);
        var html = await response.Content.ReadAsStringAsync();
        clock.Stop();
        response.EnsureSuccessStatusCode();
        return (clock.Elapsed, html);
    }

    /// <summary>Peak and current resident memory of the process, from /proc (VmHWM, VmRSS).</summary>
    public (long Peak, long Current) ResidentBytes()
    {
        var status = File.ReadAllLines($"/proc/{ProcessId}/status");
        return (Kilobytes("VmHWM:") * 1024, Kilobytes("VmRSS:") * 1024);

        long Kilobytes(string name) => long.Parse(
            status.Single(l => l.StartsWith(name, StringComparison.Ordinal))[name.Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _process.DisposeAsync();
    }
}
