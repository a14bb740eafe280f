using Microsoft.AspNetCore.Authorization;

namespace Kpi.Dashboard.Auth;

/// <summary>
/// Succeeds for a loopback connection: the HTTP request's own remote address when there is one (endpoints),
/// otherwise the mark <see cref="LoopbackConnection"/> put on the user of the request that rendered the page or
/// opened the circuit (components, which have no HttpContext once the circuit runs).
/// </summary>
internal sealed class LoopbackHandler : AuthorizationHandler<LoopbackRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, LoopbackRequirement requirement)
    {
        var loopback = context.Resource is HttpContext http
            ? LoopbackConnection.IsLoopback(http)
            : LoopbackConnection.IsMarked(context.User);
        if (loopback)
        {
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }
}
