using Kpi.Dashboard.Auth;

namespace Kpi.Dashboard.Tests.Auth;

/// <summary>Where sign-in returns to: only a path on this site.</summary>
public sealed class SignInEndpointsTests
{
    [Theory]
    [InlineData("/", "/")]
    [InlineData("/?category=Books&from=2025-03-02", "/?category=Books&from=2025-03-02")]
    [InlineData("/runs/42", "/runs/42")]
    [InlineData(null, "/")]
    [InlineData("", "/")]
    [InlineData("https://evil.example/", "/")]
    [InlineData("//evil.example/", "/")]
    [InlineData("/\\evil.example/", "/")]
    [InlineData("/\t/evil.example/", "/")]
    [InlineData("/\r\n/evil.example/", "/")]
    [InlineData("~/page", "/")]
    [InlineData("javascript:alert(1)", "/")]
    public void The_return_url_is_kept_only_when_it_is_a_path_on_this_site(string? returnUrl, string expected) =>
        Assert.Equal(expected, SignInEndpoints.LocalPath(returnUrl));
}
