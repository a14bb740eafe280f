using Kpi.Dashboard.Auth;
using Microsoft.Extensions.Options;

namespace Kpi.Dashboard.Security;

/// <summary>
/// The page's Content-Security-Policy, in one place. Scripts and style sheets only from this site, plus the hashes of
/// MudBlazor's own style elements (<see cref="InlineStyleHashes"/>); MudBlazor also writes inline <c>style</c>
/// attributes (positions, colours), hence <c>style-src-attr 'unsafe-inline'</c>. Blazor Server's websocket is covered
/// by <c>connect-src 'self'</c>. Forms may also go to the identity provider (sign-out redirects there).
/// </summary>
internal sealed class ContentSecurityPolicy(IOptions<AuthOptions> auth, IServiceProvider services)
{
    private readonly Lazy<Task<string>> _value = new(() => BuildAsync(auth.Value, services));

    public Task<string> ValueAsync() => _value.Value;

    private static async Task<string> BuildAsync(AuthOptions options, IServiceProvider services)
    {
        var styleHashes = string.Concat((await InlineStyleHashes.ComputeAsync(services)).Select(hash => " " + hash));
        return string.Join("; ",
            "default-src 'self'",
            "script-src 'self'",
            "style-src 'self'",
            $"style-src-elem 'self'{styleHashes}",
            "style-src-attr 'unsafe-inline'",
            "img-src 'self' data:",
            "font-src 'self'",
            "connect-src 'self'",
            "object-src 'none'",
            "base-uri 'self'",
            "frame-ancestors 'none'",
            $"form-action 'self'{IdentityProviderOrigin(options)}");
    }

    private static string IdentityProviderOrigin(AuthOptions options) =>
        options.UsesIdentityProvider && Uri.TryCreate(options.Authority, UriKind.Absolute, out var authority)
            ? " " + authority.GetLeftPart(UriPartial.Authority)
            : "";
}
