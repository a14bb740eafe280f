using Kpi.TestSupport;
using Microsoft.Playwright;

namespace Kpi.Dashboard.BrowserTests;

/// <summary>
/// One OpenID provider, one dashboard configured for it (with the test data's KPIs, so charts render) and one
/// Chromium for a test class; each test opens its own browser context, so sign-ins never leak between tests.
/// </summary>
public sealed class SignInDashboard(DynamoDbLocal dynamo) : IAsyncLifetime
{
    private readonly TempFolder _data = TestData.Write();
    private IPlaywright? _playwright;
    private DashboardServer? _server;

    public OidcProvider Oidc { get; } = new();

    public IBrowser Browser { get; private set; } = null!;

    public Uri Address => Oidc.DashboardAddress;


    public string Output => $"{_server?.Output}\n--- oidc-provider ---\n{Oidc.Output}";

    public async ValueTask InitializeAsync()
    {
        await Oidc.InitializeAsync();
        var tables = await dynamo.CreateTablesAsync();
        await using (var pipeline = new LocalProcess(
            "dotnet",
            [BuiltApps.Pipeline, "run", "--source", _data.Path, "--category-table", tables.CategoryTable, "--order-table", tables.OrderTable, "--runs-table", tables.RunsTable],
            dynamo.Environment))
        {
            if (await pipeline.WaitAsync(TimeSpan.FromMinutes(2)) != 0)
            {
                throw new InvalidOperationException($"The pipeline failed:\n{pipeline.Output}");
            }
        }

        // The operator can start runs: the local launcher on the same data.
        var settings = new Dictionary<string, string>(Oidc.DashboardEnvironment);
        foreach (var (name, value) in RunNowSettings.Local(_data.Path))
        {
            settings[name] = value;
        }

        _server = await DashboardServer.StartAsync(dynamo, tables, Oidc.DashboardAddress, settings);
        _playwright = await Playwright.CreateAsync();
        Browser = await Chromium.LaunchAsync(_playwright);
    }

    public async ValueTask DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        await Oidc.DisposeAsync();
        _data.Dispose();
    }
}
