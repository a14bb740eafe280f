using Bunit;
using Kpi.Dashboard.Auth;
using Kpi.Dashboard.Data;
using Kpi.Dashboard.Runs;
using Kpi.Dashboard.Runs.Local;
using Kpi.Shared.Storage;
using Microsoft.Extensions.Configuration;
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
    /// provider and an anonymous user unless given. With a reader come the run services the page shows (a monitor
    /// that is not started, over <paramref name="runs"/>).
    /// </summary>
    public static BunitContext Create(
        KpiReader? reader = null, AuthOptions? auth = null, string? signedInAs = null, DynamoRunStore? runs = null, IDictionary<string, string?>? settings = null)
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
            context.Services.AddLogging();
            context.Services.AddSingleton(TimeProvider.System);
            context.Services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings ?? new Dictionary<string, string?>()).Build());
            context.Services.AddSingleton(Options.Create(new LauncherOptions()));
            context.Services.AddSingleton<IRunLauncher, LocalRunLauncher>();
            context.Services.AddSingleton(runs ?? new DynamoRunStore(DashboardStore.Unreachable(), new KpiTableOptions()));
            context.Services.AddSingleton<RunNotifier>();
            context.Services.AddSingleton<RunMonitor>();
            context.Services.AddSingleton<RunRequester>();
        }

        // After every registration: MudBlazor's components read it when they render.
        context.SetRendererInfo(new RendererInfo("Server", isInteractive: true));
        context.Render<MudPopoverProvider>();
        return context;
    }
}
