using Kpi.TestSupport;
using Microsoft.Playwright;

namespace Kpi.Dashboard.BrowserTests;

/// <summary>
/// One OpenID provider, one dashboard configured for it (with the test data's KPIs, so charts render) and one
/// Chromium for a test class; each test opens its own browser context, so sign-ins never leak between tests.
/// </summary>
public sealed class SignInDashboard(DynamoDbLocal dynamo) : IAsyncLifetime
{
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
        using (var data = TestData.Write())
        {
            await using var pipeline = new LocalProcess(
                "dotnet",
                [BuiltApps.Pipeline, "run", "--source", data.Path, "--category-table", tables.CategoryTable, "--order-table", tables.OrderTable, "--runs-table", tables.RunsTable],
                dynamo.Environment);
            var exitCode = await pipeline.WaitAsync(TimeSpan.FromMinutes(2));
            if (exitCode != 0)
            {
                throw new InvalidOperationException($"The pipeline failed:\n{pipeline.Output}");
            }
        }

        _server = await DashboardServer.StartAsync(dynamo, tables, Oidc.DashboardAddress, Oidc.DashboardEnvironment);
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
    }
}
