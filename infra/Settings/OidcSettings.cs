namespace Kpi.Infra.Settings;

/// <summary>Sign-in of the dashboard through an OpenID Connect provider.</summary>
public sealed record OidcSettings
{
    /// <summary>Auth__Authority: the issuer URL.</summary>
    public required string Authority { get; init; }

    /// <summary>Auth__ClientId.</summary>
    public required string ClientId { get; init; }

    /// <summary>
    /// The Secrets Manager secret holding the client secret as plain text: its name or its complete ARN.
    /// Given to the container as Auth__ClientSecret by ECS; it never appears in the template.
    /// </summary>
    public required string ClientSecret { get; init; }

    /// <summary>Auth__OperatorRole: the role claim value that may start runs.</summary>
    public string OperatorRole { get; init; } = "kpi-operator";
}
