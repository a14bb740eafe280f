namespace Kpi.Dashboard.Security;

/// <summary>
/// Refuses (403) browser requests from another origin to the Blazor hub and the API: a request whose <c>Origin</c>
/// header is not this request's own scheme, host and port. Requests without <c>Origin</c> (curl, other servers)
/// pass; they carry no browser cookies on another site's behalf.
/// </summary>
internal sealed class SameOriginMiddleware(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        if (IsGuarded(request.Path) && request.Headers.Origin.Count > 0 && !IsSameOrigin(request))
        {
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            return context.Response.WriteAsync("Cross-origin request refused.");
        }

        return next(context);
    }

    private static bool IsGuarded(PathString path) =>
        path.StartsWithSegments("/_blazor") || path.StartsWithSegments("/api");

    internal static bool IsSameOrigin(HttpRequest request)
    {
        if (request.Headers.Origin.Count != 1
            || !Uri.TryCreate(request.Headers.Origin.ToString(), UriKind.Absolute, out var origin)
            || origin.AbsolutePath != "/"
            || !Uri.TryCreate($"{request.Scheme}://{request.Host.Value}/", UriKind.Absolute, out var own))
        {
            return false;
        }

        return string.Equals(origin.Scheme, own.Scheme, StringComparison.OrdinalIgnoreCase)
            && string.Equals(origin.Host, own.Host, StringComparison.OrdinalIgnoreCase)
            && origin.Port == own.Port;
    }
}
