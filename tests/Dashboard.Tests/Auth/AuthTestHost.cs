using System.Net;
using Kpi.Dashboard.Auth;
using Kpi.Dashboard.Extensions;
using Kpi.TestSupport;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;

namespace Kpi.Dashboard.Tests.Auth;

/// <summary>
/// The dashboard's real auth and security wiring in an in-memory server, with one test-only endpoint
/// <c>GET /api/probe</c> that requires <see cref="DashboardPolicies.Operator"/>. The socket's remote address is set
/// from the test-only header <see cref="RemoteAddressHeader"/>, as Kestrel would set it from the connection.
/// </summary>
internal sealed class AuthTestHost : IAsyncDisposable
{
    public const string RemoteAddressHeader = "X-Test-Remote-Address";

    private readonly WebApplication _app;

    private AuthTestHost(WebApplication app) => _app = app;

    public IServiceProvider Services => _app.Services;

    public static async Task<AuthTestHost> StartAsync(Dictionary<string, string?> settings, Uri? baseAddress = null, string? settingsFile = null)
    {
        var builder = WebApplication.CreateBuilder();
        builder.Configuration.Sources.Clear();
        if (settingsFile is not null)
        {
            builder.Configuration.AddJsonFile(settingsFile);
        }

        builder.Configuration.AddInMemoryCollection(settings);
        builder.WebHost.UseTestServer(options => options.BaseAddress = baseAddress ?? new Uri("http://127.0.0.1/"));
        builder.Services.AddRazorComponents();
        builder.Services.AddMudServices();
        builder.AddDashboardAuth();
        builder.Services.AddDashboardSecurity();

        var app = builder.Build();
        app.Use((context, next) =>
        {
            if (context.Request.Headers.TryGetValue(RemoteAddressHeader, out var address))
            {
                context.Connection.RemoteIpAddress = IPAddress.Parse(address.ToString());
            }

            return next(context);
        });
        app.UseDashboardSecurity();
        app.UseDashboardAuth();
        app.MapGet("/api/probe", () => "started").RequireAuthorization(DashboardPolicies.Operator);
        app.MapGet("/", () => "page");
        await app.StartAsync(TestContext.Current.CancellationToken);
        return new AuthTestHost(app);
    }

    /// <summary>The provider's <c>Auth__*</c> environment as configuration keys.</summary>
    public static Dictionary<string, string?> Settings(OidcProvider oidc) =>
        oidc.DashboardEnvironment.ToDictionary(setting => setting.Key.Replace("__", ":", StringComparison.Ordinal), setting => (string?)setting.Value);

    public HttpClient CreateClient() => _app.GetTestClient();

    /// <summary>A request from the given remote address, with optional bearer token and extra headers.</summary>
    public async Task<HttpResponseMessage> GetAsync(string path, string remoteAddress, string? token = null, params (string Name, string Value)[] headers)
    {
        using var client = CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add(RemoteAddressHeader, remoteAddress);
        if (token is not null)
        {
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        }

        foreach (var (name, value) in headers)
        {
            request.Headers.Add(name, value);
        }

        return await client.SendAsync(request, TestContext.Current.CancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
