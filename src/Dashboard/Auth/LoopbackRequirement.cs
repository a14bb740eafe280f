using Microsoft.AspNetCore.Authorization;

namespace Kpi.Dashboard.Auth;

/// <summary>The request (or the request that started the Blazor circuit) came from this machine.</summary>
public sealed class LoopbackRequirement : IAuthorizationRequirement;
