using Kpi.Shared.Storage;
using Kpi.TestSupport;

namespace Kpi.Dashboard.BrowserTests;

/// <summary>The built dashboard as its own process on a free loopback port, reading the given tables.</summary>
internal sealed class DashboardServer : IAsyncDisposable
{
    private readonly LocalProcess _process;

    private DashboardServer(LocalProcess process, Uri address)
    {
        _process = process;
        Address = address;
    }

    public Uri Address { get; }

    public string Output => _process.Output;

    /// <param name="address">Where to listen (e.g. where an identity provider redirects to); a free port when null.</param>
    /// <param name="settings">Further environment variables, e.g. <see cref="OidcProvider.DashboardEnvironment"/>.</param>
    public static async Task<DashboardServer> StartAsync(
        DynamoDbLocal dynamo, KpiTableOptions tables, Uri? address = null, IReadOnlyDictionary<string, string>? settings = null)
    {
        address ??= new Uri($"http://127.0.0.1:{LocalProcess.FreePort()}");
        var environment = new Dictionary<string, string>(dynamo.Environment)
        {
            ["ASPNETCORE_URLS"] = address.ToString(),
            ["CATEGORY_KPIS_TABLE"] = tables.CategoryTable,
            ["ORDER_KPIS_TABLE"] = tables.OrderTable,
            ["KPI_RUNS_TABLE"] = tables.RunsTable,
        };
        foreach (var (name, value) in settings ?? new Dictionary<string, string>())
        {
            environment[name] = value;
        }

        var process = new LocalProcess("dotnet", [BuiltApps.Dashboard], environment, Path.GetDirectoryName(BuiltApps.Dashboard));
        var server = new DashboardServer(process, address);
        using var http = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(2) };
        try
        {
            await process.WaitUntilReadyAsync("The dashboard", async () => (await http.GetAsync("/readyz")).IsSuccessStatusCode, TimeSpan.FromSeconds(60));
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    public ValueTask DisposeAsync() => _process.DisposeAsync();
}
