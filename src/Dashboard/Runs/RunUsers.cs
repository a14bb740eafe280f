using System.Security.Claims;

namespace Kpi.Dashboard.Runs;

/// <summary>Who asked for a run, as the run record names them.</summary>
public static class RunUsers
{
    public const string LocalUser = "local user (loopback)";

    public static string NameOf(ClaimsPrincipal user) =>
        user.Identity is { IsAuthenticated: true } identity
            ? identity.Name ?? user.FindFirst("preferred_username")?.Value ?? user.FindFirst("sub")?.Value ?? "signed-in user"
            : LocalUser;
}
