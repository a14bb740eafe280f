using Kpi.Dashboard.Auth;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.Extensions.Options;

namespace Kpi.Dashboard.Extensions;

/// <summary>
/// Who may do what: OpenID Connect sign-in with a cookie for the page and JWT bearer tokens for <c>/api</c> when an
/// identity provider is configured, otherwise loopback-only; the <see cref="DashboardPolicies.Operator"/> policy.
/// </summary>
public static class DashboardAuth
{
    /// <summary>Selects the bearer handler for requests with an <c>Authorization: Bearer</c> header, the cookie otherwise.</summary>
    public const string Scheme = "kpi";

    public static WebApplicationBuilder AddDashboardAuth(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<AuthOptions>()
            .BindConfiguration(AuthOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<AuthOptions>, AuthOptionsValidator>();

        services.AddAuthorization();
        services.AddOptions<AuthorizationOptions>().Configure<IOptions<AuthOptions>>((authorization, auth) =>
            authorization.AddPolicy(DashboardPolicies.Operator, DashboardPolicies.OperatorPolicy(auth.Value)));
        services.AddSingleton<IAuthorizationHandler, LoopbackHandler>();
        services.AddCascadingAuthenticationState();

        var configured = builder.Configuration.GetSection(AuthOptions.Section).Get<AuthOptions>() ?? new AuthOptions();
        if (!configured.UsesIdentityProvider)
        {
            services.AddAuthentication();
            services.AddSingleton<IAuthorizationMiddlewareResultHandler, LocalOnlyResultHandler>();
            return builder;
        }

        services.AddAuthentication(Scheme)
            .AddPolicyScheme(Scheme, "Cookie or bearer token", options => options.ForwardDefaultSelector = context =>
                context.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
                    ? JwtBearerDefaults.AuthenticationScheme
                    : CookieAuthenticationDefaults.AuthenticationScheme)
            .AddCookie(options =>
            {
                options.LoginPath = SignInEndpoints.SignInPath;
                options.Cookie.Name = "kpi.auth";
                options.Cookie.SameSite = SameSiteMode.Lax;
                options.Events.OnRedirectToLogin = context => ApiOrRedirect(context, StatusCodes.Status401Unauthorized);
                options.Events.OnRedirectToAccessDenied = context => ApiOrRedirect(context, StatusCodes.Status403Forbidden);
            })
            .AddOpenIdConnect()
            .AddJwtBearer();

        services.AddOptions<OpenIdConnectOptions>(OpenIdConnectDefaults.AuthenticationScheme).Configure<IOptions<AuthOptions>>((options, auth) =>
        {
            var settings = auth.Value;
            options.Authority = settings.Authority;
            options.ClientId = settings.ClientId;
            options.ClientSecret = settings.ClientSecret;
            options.RequireHttpsMetadata = !settings.IsLoopbackHttpAuthority;
            options.ResponseType = "code";
            options.UsePkce = true;
            options.Scope.Clear();
            options.Scope.Add("openid");
            options.Scope.Add("profile");
            options.SaveTokens = true;
            options.MapInboundClaims = false;
            options.GetClaimsFromUserInfoEndpoint = false;
            options.TokenValidationParameters.NameClaimType = "name";
            options.TokenValidationParameters.RoleClaimType = settings.RoleClaim;
            if (settings.IsLoopbackHttpAuthority)
            {
                // A local identity provider over http: Secure, SameSite=None cookies would never come back.
                options.CorrelationCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                options.CorrelationCookie.SameSite = SameSiteMode.Lax;
                options.NonceCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                options.NonceCookie.SameSite = SameSiteMode.Lax;
            }
        });
        services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme).Configure<IOptions<AuthOptions>>((options, auth) =>
        {
            var settings = auth.Value;
            options.Authority = settings.Authority;
            options.Audience = settings.ApiAudience;
            options.RequireHttpsMetadata = !settings.IsLoopbackHttpAuthority;
            options.MapInboundClaims = false;
            options.TokenValidationParameters.NameClaimType = "name";
            options.TokenValidationParameters.RoleClaimType = settings.RoleClaim;
        });
        return builder;
    }

    /// <summary>Authentication, authorization and the sign-in endpoints with an identity provider; without one, the loopback mark.</summary>
    public static WebApplication UseDashboardAuth(this WebApplication app)
    {
        app.UseAuthentication();
        var usesIdentityProvider = app.Services.GetRequiredService<IOptions<AuthOptions>>().Value.UsesIdentityProvider;
        if (!usesIdentityProvider)
        {
            app.Use((context, next) =>
            {
                LoopbackConnection.Mark(context);
                return next(context);
            });
        }

        app.UseAuthorization();
        if (usesIdentityProvider)
        {
            app.MapSignInEndpoints();
        }

        return app;
    }

    private static Task ApiOrRedirect(RedirectContext<CookieAuthenticationOptions> context, int apiStatus)
    {
        if (context.Request.Path.StartsWithSegments("/api") || apiStatus == StatusCodes.Status403Forbidden)
        {
            context.Response.StatusCode = apiStatus;
        }
        else
        {
            context.Response.Redirect(context.RedirectUri);
        }

        return Task.CompletedTask;
    }
}
