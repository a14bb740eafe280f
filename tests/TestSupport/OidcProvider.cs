using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Serialization;
using Xunit;

namespace Kpi.TestSupport;

/// <summary>
/// A real OpenID provider (the npm package oidc-provider, run by tests/TestSupport/oidc/server.mjs) on a free
/// loopback port: accounts <see cref="Operator"/> (role kpi-operator) and <see cref="Viewer"/>, one confidential
/// client for the dashboard at <see cref="DashboardAddress"/> (authorization code + PKCE), and signed JWT access
/// tokens for the API audience through a test-only grant (<see cref="AccessTokenAsync"/>). Browser sign-in uses
/// the provider's development login form: any password, the login name picks the account.
/// </summary>
public sealed class OidcProvider : IAsyncLifetime
{
    public const string Operator = "operator";
    public const string Viewer = "viewer";
    public const string ClientId = "kpi-dashboard";
    public const string ApiAudience = "urn:kpi:dashboard";

    private readonly string _clientSecret = Guid.NewGuid().ToString("N");
    private LocalProcess? _process;

    public Uri Authority { get; private set; } = null!;

    /// <summary>Where the dashboard under test must listen: the client's redirect URIs point there.</summary>
    public Uri DashboardAddress { get; } = new($"http://127.0.0.1:{LocalProcess.FreePort()}");

    /// <summary>The dashboard's <c>Auth</c> settings for this provider, as environment variables.</summary>
    public Dictionary<string, string> DashboardEnvironment => new()
    {
        ["Auth__Authority"] = Authority.ToString().TrimEnd('/'),
        ["Auth__ClientId"] = ClientId,
        ["Auth__ClientSecret"] = _clientSecret,
        ["Auth__Audience"] = ApiAudience,
    };

    public async ValueTask InitializeAsync()
    {
        var module = Path.Combine(RepoPaths.Tools, "oidc", "node_modules", "oidc-provider", "lib", "index.js");
        if (!File.Exists(module))
        {
            throw new InvalidOperationException($"oidc-provider not found at {module}: run scripts/test.sh, which installs it.");
        }

        var port = LocalProcess.FreePort();
        Authority = new Uri($"http://127.0.0.1:{port}");
        var script = Path.Combine(RepoPaths.Root, "tests", "TestSupport", "oidc", "server.mjs");
        _process = new LocalProcess("node", [script], new Dictionary<string, string>
        {
            ["OIDC_PROVIDER_MODULE"] = module,
            ["PORT"] = port.ToString(CultureInfo.InvariantCulture),
            ["DASHBOARD_URL"] = DashboardAddress.ToString(),
            ["CLIENT_ID"] = ClientId,
            ["CLIENT_SECRET"] = _clientSecret,
            ["API_AUDIENCE"] = ApiAudience,
        });
        using var http = new HttpClient { BaseAddress = Authority, Timeout = TimeSpan.FromSeconds(2) };
        await _process.WaitUntilReadyAsync(
            "oidc-provider", async () => (await http.GetAsync(".well-known/openid-configuration")).IsSuccessStatusCode, TimeSpan.FromSeconds(30));
    }

    public string Output => _process?.Output ?? "";

    /// <summary>A JWT access token for the API audience, signed by the provider, for the given account.</summary>
    public async Task<string> AccessTokenAsync(string account)
    {
        using var http = new HttpClient { BaseAddress = Authority };
        using var request = new HttpRequestMessage(HttpMethod.Post, "token")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "urn:kpi:test:account-token",
                ["account"] = account,
                ["resource"] = ApiAudience,
            }),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue(
            "Basic", Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"{ClientId}:{_clientSecret}")));
        using var response = await http.SendAsync(request);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"Token request failed: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }

        return (await response.Content.ReadFromJsonAsync<TokenResponse>())!.AccessToken;
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is not null)
        {
            await _process.DisposeAsync();
        }
    }

    private sealed record TokenResponse([property: JsonPropertyName("access_token")] string AccessToken);
}
