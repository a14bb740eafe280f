namespace Kpi.Dashboard.Security;

/// <summary>
/// Headers on every response: no MIME sniffing, no framing, the content security policy, a strict referrer. Set
/// as the response starts, so that they are also on an error answer (an exception handler clears the headers).
/// </summary>
internal sealed class SecurityHeadersMiddleware(RequestDelegate next, ContentSecurityPolicy policy)
{
    public Task InvokeAsync(HttpContext context)
    {
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers.ContentSecurityPolicy = policy.Value;
            headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
            return Task.CompletedTask;
        });
        return next(context);
    }
}
