using System.Net;
using System.Security.Claims;

namespace Kpi.Dashboard.Auth;

/// <summary>
/// Whether a request came from this machine, judged only by the socket's remote address (forwarded headers are
/// never consulted). Blazor hands the circuit the user of the request that opened it, so a mark on that user
/// carries the answer into the circuit.
/// </summary>
internal static class LoopbackConnection
{
    private const string Label = "kpi-loopback-connection";
    private const string ClaimType = "urn:kpi:loopback-connection";
    private const string Issuer = "Kpi.Dashboard";

    /// <summary>
    /// From this machine, to this machine: a loopback socket, and a loopback name in Host. A page of another site
    /// whose name was pointed at 127.0.0.1 (DNS rebinding) comes from a loopback socket too, but under its own name.
    /// </summary>
    public static bool IsLoopback(HttpContext http) => http.Connection.RemoteIpAddress is { } address
        && IPAddress.IsLoopback(address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address)
        && IsLoopbackName(http.Request.Host.Host);

    private static bool IsLoopbackName(string host) =>
        host.Equals("localhost", StringComparison.OrdinalIgnoreCase)
        || (IPAddress.TryParse(host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));

    /// <summary>Adds an unauthenticated identity carrying the mark when the request is from this machine.</summary>
    public static void Mark(HttpContext http)
    {
        if (IsLoopback(http))
        {
            http.User.AddIdentity(new ClaimsIdentity([new Claim(ClaimType, "true", ClaimValueTypes.Boolean, Issuer)]) { Label = Label });
        }
    }

    public static bool IsMarked(ClaimsPrincipal user) =>
        user.Identities.Any(identity => identity.Label == Label && identity.HasClaim(c => c.Type == ClaimType && c.Issuer == Issuer));
}
