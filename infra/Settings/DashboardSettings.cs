namespace Kpi.Infra.Settings;

/// <summary>The dashboard's Fargate service and its load balancer.</summary>
public sealed record DashboardSettings
{
    public int Cpu { get; init; } = 512;

    public int MemoryMiB { get; init; } = 1024;

    /// <summary>
    /// Tasks behind the load balancer. They share the data-protection key ring in its DynamoDB table, so any
    /// task reads another's cookies and antiforgery tokens; sessions are sticky for the Blazor circuits.
    /// </summary>
    public int DesiredCount { get; init; } = 1;

    /// <summary>An ACM certificate ARN: with it the load balancer serves HTTPS on 443 and redirects 80; without it, HTTP on 80.</summary>
    public string? CertificateArn { get; init; }

    /// <summary>
    /// Internet-facing load balancer (true) or internal (false). By default internet-facing only with sign-in
    /// (<see cref="Oidc"/>): without it anyone who reaches the dashboard reads the KPIs.
    /// </summary>
    public bool? PublicLoadBalancer { get; init; }

    /// <summary>OpenID Connect sign-in; null leaves the Auth__ settings unset.</summary>
    public OidcSettings? Oidc { get; init; }

    /// <summary>Days the dashboard's logs are kept.</summary>
    public int LogRetentionDays { get; init; } = 30;

    /// <summary>Further settings of the dashboard, added to its environment (they win over the stack's own).</summary>
    public IReadOnlyDictionary<string, string> ExtraEnvironment { get; init; } = new Dictionary<string, string>();
}
