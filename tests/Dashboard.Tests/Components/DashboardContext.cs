using Bunit;
using Kpi.Dashboard.Auth;
using Kpi.Dashboard.Data;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using MudBlazor;
using MudBlazor.Services;

namespace Kpi.Dashboard.Tests.Components;

internal static class DashboardContext
{
    /// <summary>
    /// A bunit context with MudBlazor and the given reader, rendering as an interactive server circuit; no identity
    /// provider and an anonymous user unless given.
    /// </summary>
    public static BunitContext Create(KpiReader? reader = null, AuthOptions? auth = null, string? signedInAs = null)
    {
        var context = new BunitContext();
        context.JSInterop.Mode = JSRuntimeMode.Loose;
        context.Services.AddMudServices();
        context.Services.AddSingleton(Options.Create(auth ?? new AuthOptions()));
        var authorization = context.AddAuthorization();
        if (signedInAs is not null)
        {
            authorization.SetAuthorized(signedInAs);
        }

        if (reader is not null)
        {
            context.Services.AddSingleton(reader);
        }

        // After every registration: MudBlazor's components read it when they render.
        context.SetRendererInfo(new RendererInfo("Server", isInteractive: true));
        context.Render<MudPopoverProvider>();
        return context;
    }
}
