using System.Net;

namespace Kpi.Dashboard.Tests.Auth;

/// <summary>Every response carries the security headers; HSTS only over TLS.</summary>
public sealed class SecurityHeadersTests
{
    [Fact]
    public async Task Responses_carry_the_security_headers_and_no_hsts_over_http()
    {
        await using var host = await AuthTestHost.StartAsync([]);

        using var response = await host.GetAsync("/", "127.0.0.1");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("nosniff", Header(response, "X-Content-Type-Options"));
        Assert.Equal("DENY", Header(response, "X-Frame-Options"));
        Assert.Equal("strict-origin-when-cross-origin", Header(response, "Referrer-Policy"));
        var policy = Header(response, "Content-Security-Policy");
        Assert.Contains("script-src 'self';", policy);
        Assert.Contains("frame-ancestors 'none'", policy);
        Assert.Contains("connect-src 'self'", policy);
        Assert.Contains("default-src 'self';", policy);
        Assert.Contains("object-src 'none'", policy);

        // Inline styles are allowed (plotly.js and MudBlazor make style elements at run time); inline scripts and eval are not.
        Assert.Contains("style-src 'self' 'unsafe-inline';", policy);
        Assert.DoesNotContain("unsafe-inline", policy.Replace("style-src 'self' 'unsafe-inline'", "", StringComparison.Ordinal));
        Assert.DoesNotContain("unsafe-eval", policy);
        Assert.False(response.Headers.Contains("Strict-Transport-Security"));
    }

    [Fact]
    public async Task Responses_over_tls_carry_hsts()
    {
        await using var host = await AuthTestHost.StartAsync([], new Uri("https://kpi.example.com/"));

        using var response = await host.GetAsync("/", "203.0.113.7");

        Assert.StartsWith("max-age=", Header(response, "Strict-Transport-Security"));
    }

    private static string Header(HttpResponseMessage response, string name) =>
        string.Join(", ", response.Headers.TryGetValues(name, out var values) ? values : response.Content.Headers.GetValues(name));
}
