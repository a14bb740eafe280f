using Kpi.Dashboard.Security;

namespace Kpi.Dashboard.Extensions;

/// <summary>Security headers on every response, HSTS over TLS, and same-origin only for the Blazor hub and <c>/api</c>.</summary>
public static class DashboardSecurity
{
    public static IServiceCollection AddDashboardSecurity(this IServiceCollection services)
    {
        services.AddSingleton<ContentSecurityPolicy>();
        return services;
    }

    public static WebApplication UseDashboardSecurity(this WebApplication app)
    {
        app.UseMiddleware<SecurityHeadersMiddleware>();
        // UseHsts writes the header only over https and never for localhost.
        app.UseHsts();
        app.UseMiddleware<SameOriginMiddleware>();
        return app;
    }
}
