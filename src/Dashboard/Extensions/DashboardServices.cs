using Amazon.DynamoDBv2;
using Microsoft.AspNetCore.Diagnostics;
using Kpi.Dashboard.Components;
using Kpi.Dashboard.Data;
using Kpi.Dashboard.DataProtection;
using Kpi.Dashboard.Runs;
using Kpi.Shared.Storage;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using MudBlazor.Services;

namespace Kpi.Dashboard.Extensions;

/// <summary>The dashboard's wiring: options, the DynamoDB client, the shared KPI reader, health checks, the shared data-protection key ring, sign-in and security headers.</summary>
public static class DashboardServices
{
    public static WebApplicationBuilder AddDashboardServices(this WebApplicationBuilder builder)
    {
        // Serves MudBlazor's assets from a build output too (the demo and browser tests); published output ignores it.
        builder.WebHost.UseStaticWebAssets();
        var services = builder.Services;
        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddMudServices();
        builder.AddDashboardAuth();
        services.AddDashboardSecurity();

        services.AddOptions<KpiTableOptions>()
            .Configure<IConfiguration>((options, configuration) => options.Bind(name => configuration[name]))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<KpiTableOptions>>(new AwsEndpointValidator<KpiTableOptions>("DYNAMODB"));
        services.AddSingleton<IValidateOptions<KpiTableOptions>, TableOptionsValidator>();

        // A short timeout and few retries: an unreachable store shows a banner quickly instead of hanging pages.
        services.AddSingleton<IAmazonDynamoDB>(_ => DynamoDbClientFactory.Create(config =>
        {
            config.Timeout = TimeSpan.FromSeconds(5);
            config.MaxErrorRetry = 1;
        }));
        services.AddDashboardDataProtection();
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<KpiReader>();
        services.AddHostedService<KpiSnapshotRefresher>();

        services.AddRunLaunching(builder.Configuration);
        services.AddOpenApi();
        services.AddProblemDetails();

        services.AddHealthChecks().AddCheck<DynamoDbHealthCheck>("dynamodb", tags: ["ready"]);
        return builder;
    }

    /// <summary>An AWS service's error, or no answer from it (anywhere in the exception's chain).</summary>
    private static bool IsServiceFailure(Exception exception)
    {
        for (Exception? current = exception; current is not null; current = current.InnerException)
        {
            if (current is Amazon.Runtime.AmazonServiceException or Amazon.Runtime.AmazonClientException or HttpRequestException or IOException or TimeoutException)
            {
                return true;
            }
        }

        return false;
    }

    public static WebApplication UseDashboard(this WebApplication app)
    {
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/Error", createScopeForErrors: true);
        }

        // The API answers its errors as problem details, never the HTML error page: 503 when DynamoDB or ECS failed.
        app.UseWhen(
            context => context.Request.Path.StartsWithSegments("/api"),
            api => api.UseExceptionHandler(new ExceptionHandlerOptions
            {
                StatusCodeSelector = exception => IsServiceFailure(exception) ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status500InternalServerError,
            }));

        app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
        app.UseDashboardSecurity();
        app.UseDashboardAuth();
        app.UseAntiforgery();
        app.MapStaticAssets();
        app.MapHealthChecks("/healthz", new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/readyz", new HealthCheckOptions { Predicate = check => check.Tags.Contains("ready") });
        app.MapRunsApi();
        app.MapOpenApi();

        // Uptime monitors ask with HEAD; the page itself answers GET (and its forms POST) only.
        app.MapMethods("/", [HttpMethods.Head], () => Results.Content(string.Empty, "text/html; charset=utf-8"));
        // Our own Content-Security-Policy already says frame-ancestors 'none'; Blazor's default would add a second header.
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode(options => options.ContentSecurityFrameAncestorsPolicy = null);
        return app;
    }
}
