using Kpi.Dashboard.Auth;
using Microsoft.Extensions.Options;

namespace Kpi.Dashboard.Security;

/// <summary>
/// The page's Content-Security-Policy, in one place. Scripts and style sheets only from this site, plus the hashes of
/// MudBlazor's own style elements (<see cref="InlineStyleHashes"/>); MudBlazor also writes inline <c>style</c>
/// attributes (positions, colours), hence <c>style-src-attr 'unsafe-inline'</c>. Blazor Server's websocket is covered
/// by <c>connect-src 'self'</c>. Forms may also go to the identity provider (sign-out redirects there).
/// Hence App.razor has no <c>&lt;ImportMap /&gt;</c> (an inline script) and its own reconnect notice (Blazor's
/// default one injects a style element). Adding a library (e.g. plotly.js) that injects styles means adjusting here.
/// </summary>
internal sealed class ContentSecurityPolicy(IOptions<AuthOptions> auth, IServiceProvider services) : IHostedService
{
    private string? _value;

    /// <summary>The header's value, built once at start-up (a failure stops start-up rather than every request).</summary>
    public string Value => _value ?? throw new InvalidOperationException("The Content-Security-Policy is built when the host starts.");

    public async Task StartAsync(CancellationToken cancellationToken) => _value = await BuildAsync(auth.Value, services);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

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
