using Kpi.Shared.Storage;
using Kpi.TestSupport;

namespace Kpi.Dashboard.BrowserTests;

/// <summary>The dashboard process: settings (tables, AWS, sign-in, launchers) validated at start-up, liveness and readiness endpoints.</summary>
public sealed class DashboardHostTests(DynamoDbLocal dynamo)
{
    [Theory]
    [InlineData("CATEGORY_KPIS_TABLE", "a", "CATEGORY_KPIS_TABLE must be a DynamoDB table name")]
    [InlineData("AWS_ENDPOINT_URL_DYNAMODB", "not a url", "AWS_ENDPOINT_URL_DYNAMODB must be an absolute http(s) URL")]
    [InlineData("Auth__Authority", "http://login.example.com", "Auth__Authority must be an absolute https URL")]
    [InlineData("Auth__ClientSecret", "secret", "Auth__Authority is required when Auth__ClientId or Auth__ClientSecret is set")]
    [InlineData("ASPNETCORE_FORWARDEDHEADERS_ENABLED", "true", "ASPNETCORE_FORWARDEDHEADERS_ENABLED must not be set without Auth__Authority")]
    [InlineData("Launcher__Mode", "Ecs", "Launcher__Ecs__Cluster is required")]
    [InlineData("Launcher__TimeoutMinutes", "0", "Launcher__TimeoutMinutes must be between 1 and 1440")]
    [InlineData("Launcher__Mode", "Foo", "Invalid setting: Failed to convert configuration value 'Foo' at 'Launcher__Mode'")]
    [InlineData("ORDER_KPIS_TABLE", "category_kpis_table", "Invalid setting: --category-table [CATEGORY_KPIS_TABLE] and --order-table [ORDER_KPIS_TABLE] name the same table")]
    public async Task An_invalid_setting_stops_start_up_naming_it(string variable, string value, string message)
    {
        var environment = new Dictionary<string, string>(dynamo.Environment)
        {
            ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{LocalProcess.FreePort()}",
            [variable] = value,
        };
        await using var process = new LocalProcess("dotnet", [BuiltApps.Dashboard], environment, Path.GetDirectoryName(BuiltApps.Dashboard));

        var exitCode = await process.WaitAsync(TimeSpan.FromSeconds(60));

        Assert.True(exitCode == 2, process.Output);
        Assert.Contains(message, process.Output);
        Assert.DoesNotContain("Unhandled exception", process.Output);
    }

    [Fact]
    public async Task Broken_settings_of_two_sections_are_each_named_and_exit_2()
    {
        var environment = new Dictionary<string, string>(dynamo.Environment)
        {
            ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{LocalProcess.FreePort()}",
            ["KPI_RUNS_TABLE"] = "a",
            ["Launcher__TimeoutMinutes"] = "0",
        };
        await using var process = new LocalProcess("dotnet", [BuiltApps.Dashboard], environment, Path.GetDirectoryName(BuiltApps.Dashboard));

        var exitCode = await process.WaitAsync(TimeSpan.FromSeconds(60));

        Assert.True(exitCode == 2, process.Output);
        Assert.Contains("Invalid setting: --runs-table [KPI_RUNS_TABLE]: KPI_RUNS_TABLE must be a DynamoDB table name", process.Output);
        Assert.Contains("Launcher__TimeoutMinutes must be between 1 and 1440", process.Output);
        Assert.DoesNotContain("Unhandled exception", process.Output);
    }

    [Fact]
    public async Task Healthz_is_alive_and_readyz_follows_dynamodb()
    {
        var tables = await dynamo.CreateTablesAsync();
        await using var server = await DashboardServer.StartAsync(dynamo, tables);
        using var http = new HttpClient { BaseAddress = server.Address };

        Assert.Equal(System.Net.HttpStatusCode.OK, (await http.GetAsync("/healthz", TestContext.Current.CancellationToken)).StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.OK, (await http.GetAsync("/readyz", TestContext.Current.CancellationToken)).StatusCode);

        // An uptime monitor's HEAD of the page: 200 with the page's security headers, no body.
        using var head = await http.SendAsync(new HttpRequestMessage(HttpMethod.Head, "/"), TestContext.Current.CancellationToken);
        Assert.Equal(System.Net.HttpStatusCode.OK, head.StatusCode);
        Assert.True(head.Headers.Contains("X-Content-Type-Options"), head.ToString());

        using var client = dynamo.CreateClient();
        await client.DeleteTableAsync(tables.CategoryTable, TestContext.Current.CancellationToken);

        Assert.Equal(System.Net.HttpStatusCode.ServiceUnavailable, (await http.GetAsync("/readyz", TestContext.Current.CancellationToken)).StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.OK, (await http.GetAsync("/healthz", TestContext.Current.CancellationToken)).StatusCode);
    }

    [Fact]
    public async Task The_health_argument_asks_healthz_and_exits_0_or_1_without_starting_a_server()
    {
        await using var server = await DashboardServer.StartAsync(dynamo, await dynamo.CreateTablesAsync());
        var port = server.Address.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);

        Assert.Equal(0, await HealthAsync(new() { ["ASPNETCORE_HTTP_PORTS"] = port }));
        Assert.Equal(0, await HealthAsync(new() { ["ASPNETCORE_URLS"] = $"http://+:{port}" }));
        var nobody = LocalProcess.FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(1, await HealthAsync(new() { ["ASPNETCORE_HTTP_PORTS"] = nobody }));
    }

    private static async Task<int> HealthAsync(Dictionary<string, string> environment)
    {
        await using var probe = new LocalProcess("dotnet", [BuiltApps.Dashboard, "--health"], environment, Path.GetDirectoryName(BuiltApps.Dashboard));
        return await probe.WaitAsync(TimeSpan.FromSeconds(30));
    }
}
