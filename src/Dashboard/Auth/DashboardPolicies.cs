using Microsoft.AspNetCore.Authorization;

namespace Kpi.Dashboard.Auth;

/// <summary>
/// Authorization policy names: <c>.RequireAuthorization(DashboardPolicies.Operator)</c> on endpoints,
/// <c>&lt;AuthorizeView Policy="@DashboardPolicies.Operator"&gt;</c> in markup, and
/// <c>IAuthorizationService.AuthorizeAsync(user, DashboardPolicies.Operator)</c> in handlers.
/// </summary>
public static class DashboardPolicies
{
    /// <summary>May start pipeline runs: a user with the operator role, or, without an identity provider, a loopback request.</summary>
    public const string Operator = "kpi-operator";

    internal static AuthorizationPolicy OperatorPolicy(AuthOptions options) => options.UsesIdentityProvider
        ? new AuthorizationPolicyBuilder().RequireAuthenticatedUser().RequireClaim(options.RoleClaim, options.OperatorRole).Build()
        : new AuthorizationPolicyBuilder().AddRequirements(new LoopbackRequirement()).Build();
}
