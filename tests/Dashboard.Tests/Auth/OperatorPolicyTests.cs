using System.Net;
using Kpi.Dashboard.Auth;
using Kpi.TestSupport;

namespace Kpi.Dashboard.Tests.Auth;

/// <summary>
/// The Operator policy on an endpoint, with the provider's real signed JWTs validated through its discovery
/// document and keys: operators pass, viewers and strangers do not, and no header makes a remote caller local.
/// </summary>
public sealed class OperatorPolicyTests(OidcProvider oidc) : IClassFixture<OidcProvider>
{
    private const string Remote = "203.0.113.7";
    private const string Loopback = "127.0.0.1";

    [Fact]
    public async Task An_operator_token_may_start_runs()
    {
        await using var host = await AuthTestHost.StartAsync(AuthTestHost.Settings(oidc));

        using var response = await host.GetAsync("/api/probe", Remote, await oidc.AccessTokenAsync(OidcProvider.Operator));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task A_viewer_token_is_forbidden()
    {
        await using var host = await AuthTestHost.StartAsync(AuthTestHost.Settings(oidc));

        using var response = await host.GetAsync("/api/probe", Remote, await oidc.AccessTokenAsync(OidcProvider.Viewer));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task A_token_with_a_broken_signature_is_unauthorized()
    {
        await using var host = await AuthTestHost.StartAsync(AuthTestHost.Settings(oidc));
        var token = await oidc.AccessTokenAsync(OidcProvider.Operator);
        var tampered = token[..^4] + (token[^4] == 'A' ? "BBBB" : "AAAA");

        using var response = await host.GetAsync("/api/probe", Remote, tampered);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Theory]
    [InlineData(Remote)]
    [InlineData(Loopback)]
    public async Task Without_identity_nobody_may_start_runs_when_a_provider_is_configured(string address)
    {
        await using var host = await AuthTestHost.StartAsync(AuthTestHost.Settings(oidc));

        using var response = await host.GetAsync("/api/probe", address);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Theory]
    [InlineData("127.0.0.1", HttpStatusCode.OK)]
    [InlineData("::1", HttpStatusCode.OK)]
    [InlineData("::ffff:127.0.0.1", HttpStatusCode.OK)]
    [InlineData(Remote, HttpStatusCode.Forbidden)]
    [InlineData("10.0.0.5", HttpStatusCode.Forbidden)]
    public async Task Without_a_provider_only_loopback_may_start_runs(string address, HttpStatusCode expected)
    {
        await using var host = await AuthTestHost.StartAsync([]);

        using var response = await host.GetAsync("/api/probe", address);

        Assert.Equal(expected, response.StatusCode);
    }

    [Theory]
    [InlineData("http://localhost:5000/", HttpStatusCode.OK)]
    [InlineData("http://127.0.0.1:5000/", HttpStatusCode.OK)]
    [InlineData("http://[::1]:5000/", HttpStatusCode.OK)]
    [InlineData("http://evil.example:5000/", HttpStatusCode.Forbidden)]
    [InlineData("http://127.0.0.1.nip.io:5000/", HttpStatusCode.Forbidden)]
    public async Task Without_a_provider_a_loopback_socket_under_another_sites_name_may_not_start_runs(string address, HttpStatusCode expected)
    {
        // DNS rebinding: a page of evil.example whose name now points at 127.0.0.1 sends its requests from this machine.
        await using var host = await AuthTestHost.StartAsync([], new Uri(address));

        using var response = await host.GetAsync("/api/probe", Loopback);

        Assert.Equal(expected, response.StatusCode);
    }

    [Theory]
    [InlineData("X-Forwarded-For", "127.0.0.1")]
    [InlineData("Forwarded", "for=127.0.0.1")]
    [InlineData("X-Real-IP", "127.0.0.1")]
    public async Task A_forwarded_header_does_not_make_a_remote_request_local(string header, string value)
    {
        await using var host = await AuthTestHost.StartAsync([]);

        using var response = await host.GetAsync("/api/probe", Remote, null, (header, value));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task An_operator_token_from_a_foreign_origin_is_refused()
    {
        await using var host = await AuthTestHost.StartAsync(AuthTestHost.Settings(oidc));
        var token = await oidc.AccessTokenAsync(OidcProvider.Operator);

        using var foreign = await host.GetAsync("/api/probe", Remote, token, ("Origin", "http://evil.example"));
        using var own = await host.GetAsync("/api/probe", Remote, token, ("Origin", "http://127.0.0.1"));

        Assert.Equal(HttpStatusCode.Forbidden, foreign.StatusCode);
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
    }
}
