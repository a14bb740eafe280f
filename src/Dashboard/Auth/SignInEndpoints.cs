using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Kpi.Dashboard.Auth;

/// <summary><c>GET /auth/sign-in?returnUrl=/...</c> and <c>POST /auth/sign-out</c> (a form with the antiforgery token).</summary>
internal static class SignInEndpoints
{
    public const string SignInPath = "/auth/sign-in";
    public const string SignOutPath = "/auth/sign-out";

    public static void MapSignInEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(SignInPath, (string? returnUrl) => Results.Challenge(
            new AuthenticationProperties { RedirectUri = LocalPath(returnUrl) },
            [OpenIdConnectDefaults.AuthenticationScheme]));

        endpoints.MapPost(SignOutPath, () => Results.SignOut(
                new AuthenticationProperties { RedirectUri = "/" },
                [CookieAuthenticationDefaults.AuthenticationScheme, OpenIdConnectDefaults.AuthenticationScheme]))
            .WithMetadata(new RequireAntiforgeryTokenAttribute());
    }

    /// <summary>
    /// Only a path on this site: an absolute or protocol-relative return URL would be an open redirect, and so
    /// would one with a control character (browsers drop a tab, so <c>/\t/evil.com</c> reaches <c>//evil.com</c>).
    /// </summary>
    internal static string LocalPath(string? returnUrl) =>
        returnUrl is ['/', ..] && RedirectHttpResult.IsLocalUrl(returnUrl) ? returnUrl : "/";
}
