using System.Net;
using System.Security.Claims;
using Kpi.Dashboard.Auth;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Kpi.Dashboard.Tests.Auth;

/// <summary>
/// A component handler has no HttpContext: it asks <see cref="IAuthorizationService"/> about the circuit's user,
/// which carries the mark of the request that opened the circuit.
/// </summary>
public sealed class CircuitAuthorizationTests
{
    [Theory]
    [InlineData("127.0.0.1", true)]
    [InlineData("203.0.113.7", false)]
    public async Task Without_a_provider_the_user_of_a_loopback_request_is_an_operator(string address, bool expected)
    {
        await using var host = await AuthTestHost.StartAsync([]);
        var http = new DefaultHttpContext();
        http.Connection.RemoteIpAddress = IPAddress.Parse(address);
        http.Request.Host = new HostString("127.0.0.1", 5000);
        LoopbackConnection.Mark(http);

        var result = await host.Services.GetRequiredService<IAuthorizationService>().AuthorizeAsync(http.User, DashboardPolicies.Operator);

        Assert.Equal(expected, result.Succeeded);
    }

    [Fact]
    public async Task A_claim_that_merely_looks_like_the_mark_is_not_enough()
    {
        await using var host = await AuthTestHost.StartAsync([]);
        var forged = new ClaimsPrincipal(new ClaimsIdentity([new Claim("urn:kpi:loopback-connection", "true")], "Bearer"));

        var result = await host.Services.GetRequiredService<IAuthorizationService>().AuthorizeAsync(forged, DashboardPolicies.Operator);

        Assert.False(result.Succeeded);
    }
}
