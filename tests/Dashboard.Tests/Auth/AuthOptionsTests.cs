using Kpi.TestSupport;
using Microsoft.Extensions.Options;

namespace Kpi.Dashboard.Tests.Auth;

/// <summary>The <c>Auth</c> section is validated at start-up and every error names its setting.</summary>
public sealed class AuthOptionsTests
{
    [Theory]
    [InlineData("http://login.example.com", "client", "secret", "Auth__Authority must be an absolute https URL")]
    [InlineData("login.example.com", "client", "secret", "Auth__Authority must be an absolute https URL")]
    [InlineData("https://login.example.com", "", "secret", "Auth__ClientId is required when Auth__Authority is set")]
    [InlineData("https://login.example.com", "client", "", "Auth__ClientSecret is required when Auth__Authority is set")]
    [InlineData("", "client", "", "Auth__Authority is required when Auth__ClientId or Auth__ClientSecret is set")]
    public async Task An_invalid_setting_stops_start_up_naming_it(string authority, string clientId, string secret, string message)
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => AuthTestHost.StartAsync(new Dictionary<string, string?>
        {
            ["Auth:Authority"] = authority,
            ["Auth:ClientId"] = clientId,
            ["Auth:ClientSecret"] = secret,
        }));

        Assert.Contains(message, error.Message);
    }

    [Fact]
    public async Task An_http_authority_on_loopback_is_accepted()
    {
        await using var host = await AuthTestHost.StartAsync(new Dictionary<string, string?>
        {
            ["Auth:Authority"] = "http://127.0.0.1:5999",
            ["Auth:ClientId"] = "client",
            ["Auth:ClientSecret"] = "secret",
        });
    }

    [Fact]
    public async Task A_client_secret_in_a_settings_file_stops_start_up()
    {
        using var folder = new TempFolder();
        var file = folder.Write("appsettings.json", """{ "Auth": { "ClientSecret": "in-a-file" } }""");

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => AuthTestHost.StartAsync(
            new Dictionary<string, string?> { ["Auth:Authority"] = "https://login.example.com", ["Auth:ClientId"] = "client" },
            settingsFile: file));

        Assert.Contains("Auth__ClientSecret must come from the environment, not from appsettings.json", error.Message);
    }

    [Fact]
    public async Task Trusting_forwarded_headers_without_a_provider_stops_start_up()
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => AuthTestHost.StartAsync(
            new Dictionary<string, string?> { ["FORWARDEDHEADERS_ENABLED"] = "true" }));

        Assert.Contains("ASPNETCORE_FORWARDEDHEADERS_ENABLED must not be set without Auth__Authority", error.Message);
    }
}
