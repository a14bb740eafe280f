using System.Net;
using Kpi.TestSupport;
using Microsoft.Playwright;

namespace Kpi.Dashboard.BrowserTests;

/// <summary>
/// The dashboard process without an identity provider: the Blazor hub takes only same-origin browsers, responses
/// carry the security headers, and a browser on this machine may start runs. (Auth settings checked at start-up:
/// <see cref="DashboardHostTests"/>.)
/// </summary>
public sealed class DashboardSecurityTests(DynamoDbLocal dynamo)
{
    [Fact]
    public async Task The_blazor_hub_refuses_a_foreign_origin_and_accepts_its_own()
    {
        var tables = await dynamo.CreateTablesAsync();
        await using var server = await DashboardServer.StartAsync(dynamo, tables);
        using var http = new HttpClient { BaseAddress = server.Address };

        using var foreign = await NegotiateAsync(http, "http://evil.example");
        using var otherPort = await NegotiateAsync(http, $"http://127.0.0.1:{server.Address.Port + 1}");
        using var own = await NegotiateAsync(http, server.Address.GetLeftPart(UriPartial.Authority));

        Assert.Equal(HttpStatusCode.Forbidden, foreign.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, otherPort.StatusCode);
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
    }

    [Fact]
    public async Task The_page_carries_the_security_headers()
    {
        var tables = await dynamo.CreateTablesAsync();
        await using var server = await DashboardServer.StartAsync(dynamo, tables);
        using var http = new HttpClient { BaseAddress = server.Address };

        using var response = await http.GetAsync("/", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(["nosniff"], response.Headers.GetValues("X-Content-Type-Options"));
        Assert.Equal(["DENY"], response.Headers.GetValues("X-Frame-Options"));
        Assert.Equal(["strict-origin-when-cross-origin"], response.Headers.GetValues("Referrer-Policy"));
        var policy = Assert.Single(response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("script-src 'self';", policy);
        Assert.Contains("frame-ancestors 'none'", policy);
    }

    [Fact]
    public async Task Without_a_provider_a_browser_on_this_machine_sees_run_now_and_no_sign_in()
    {
        var tables = await dynamo.CreateTablesAsync();
        await using var server = await DashboardServer.StartAsync(dynamo, tables);
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Chromium.LaunchAsync(playwright);
        var page = await browser.NewPageAsync();

        await page.GotoAsync(server.Address.ToString());
        await page.Locator("[data-interactive=true]").WaitForAsync();

        Assert.True(await page.Locator("[data-testid=run-now]").IsVisibleAsync());
        Assert.Equal(0, await page.Locator("[data-testid=sign-in]").CountAsync());
    }

    [Fact]
    public async Task When_the_server_goes_away_the_reconnect_notice_shows_within_the_policy()
    {
        var tables = await dynamo.CreateTablesAsync();
        var server = await DashboardServer.StartAsync(dynamo, tables);
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Chromium.LaunchAsync(playwright);
        var page = await browser.NewPageAsync();
        var violations = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase))
            {
                lock (violations)
                {
                    violations.Add(message.Text);
                }
            }
        };

        await page.GotoAsync(server.Address.ToString());
        await page.Locator("[data-interactive=true]").WaitForAsync();
        await server.DisposeAsync();

        await page.Locator("#components-reconnect-modal").WaitForAsync();
        Assert.Contains("Connection to the server lost", await page.Locator("#components-reconnect-modal").InnerTextAsync());
        Assert.Empty(violations);
    }

    private static async Task<HttpResponseMessage> NegotiateAsync(HttpClient http, string origin)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/_blazor/negotiate?negotiateVersion=1");
        request.Headers.Add("Origin", origin);
        return await http.SendAsync(request, TestContext.Current.CancellationToken);
    }
}
