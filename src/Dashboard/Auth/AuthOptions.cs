using System.ComponentModel.DataAnnotations;

namespace Kpi.Dashboard.Auth;

/// <summary>
/// The <c>Auth</c> section (<c>Auth__Authority</c> and so on in the environment). Without an authority no identity
/// provider is used and only requests from this machine may start runs.
/// </summary>
public sealed class AuthOptions
{
    public const string Section = "Auth";

    /// <summary>The OpenID Connect issuer, e.g. <c>https://login.example.com/realms/kpi</c>.</summary>
    public string? Authority { get; set; }

    /// <summary>The dashboard's client id at the identity provider.</summary>
    public string? ClientId { get; set; }

    /// <summary>The dashboard's client secret; taken from the environment only.</summary>
    public string? ClientSecret { get; set; }

    /// <summary>The audience API bearer tokens must carry; the client id when not set.</summary>
    public string? Audience { get; set; }

    /// <summary>The claim that lists a user's roles (<c>roles</c> for Entra ID and Keycloak, <c>cognito:groups</c> for Cognito).</summary>
    [Required(AllowEmptyStrings = false, ErrorMessage = "Auth__RoleClaim must not be empty.")]
    public string RoleClaim { get; set; } = "roles";

    /// <summary>The role (a value of <see cref="RoleClaim"/>) that may start runs.</summary>
    [Required(AllowEmptyStrings = false, ErrorMessage = "Auth__OperatorRole must not be empty.")]
    public string OperatorRole { get; set; } = "kpi-operator";

    /// <summary>True when an identity provider is configured.</summary>
    public bool UsesIdentityProvider => !string.IsNullOrWhiteSpace(Authority);

    /// <summary>The audience bearer tokens are validated against.</summary>
    public string? ApiAudience => string.IsNullOrWhiteSpace(Audience) ? ClientId : Audience;

    /// <summary>Plain http is accepted only for an authority on this machine (local runs and tests).</summary>
    public bool IsLoopbackHttpAuthority =>
        Uri.TryCreate(Authority, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttp && uri.IsLoopback;
}
