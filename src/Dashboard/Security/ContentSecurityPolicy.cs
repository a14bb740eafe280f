using Kpi.Dashboard.Auth;
using Microsoft.Extensions.Options;

namespace Kpi.Dashboard.Security;

/// <summary>
/// The page's Content-Security-Policy, in one place. Scripts only from this site: no inline script and no eval
/// (App.razor has no <c>&lt;ImportMap /&gt;</c>, which is an inline script), which is what keeps injected markup
/// from running. Styles: this site's style sheets plus inline styles, because plotly.js draws its tooltips, legends
/// and axis titles with style elements it creates at run time and MudBlazor writes style elements and attributes
/// (hashes cannot cover styles made at run time, and a hash in the directive would switch 'unsafe-inline' off).
/// Blazor Server's websocket is covered by <c>connect-src 'self'</c>. Forms may also go to the identity provider.
/// </summary>
internal sealed class ContentSecurityPolicy(IOptions<AuthOptions> auth)
{
    /// <summary>The header's value.</summary>
    public string Value { get; } = string.Join("; ",
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "frame-ancestors 'none'",
        $"form-action 'self'{IdentityProviderOrigin(auth.Value)}");

    private static string IdentityProviderOrigin(AuthOptions options) =>
        options.UsesIdentityProvider && Uri.TryCreate(options.Authority, UriKind.Absolute, out var authority)
            ? " " + authority.GetLeftPart(UriPartial.Authority)
            : "";
}
