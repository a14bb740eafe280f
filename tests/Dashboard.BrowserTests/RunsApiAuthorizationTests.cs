using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Kpi.TestSupport;

namespace Kpi.Dashboard.BrowserTests;

/// <summary>
/// The runs API with a real OpenID provider: bearer tokens from the same authority; only operators start runs,
/// and with a provider configured being on loopback gives no right at all.
/// </summary>
public sealed class RunsApiAuthorizationTests(SignInDashboard dashboard) : IClassFixture<SignInDashboard>
{
    [Fact]
    public async Task Viewers_and_anonymous_callers_are_refused_and_an_operator_starts_a_run()
    {
        using var http = new HttpClient { BaseAddress = dashboard.Address };

        var anonymous = await PostAsync(http, token: null);
        var viewer = await PostAsync(http, await dashboard.Oidc.AccessTokenAsync(OidcProvider.Viewer));
        var viewerCanRead = await Send(http, HttpMethod.Get, "/api/runs", await dashboard.Oidc.AccessTokenAsync(OidcProvider.Viewer));
        var operatorAnswer = await PostAsync(http, await dashboard.Oidc.AccessTokenAsync(OidcProvider.Operator));

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, viewer.StatusCode);
        Assert.Equal(HttpStatusCode.OK, viewerCanRead.StatusCode);
        Assert.True(operatorAnswer.StatusCode == HttpStatusCode.Accepted, await operatorAnswer.Content.ReadAsStringAsync(TestContext.Current.CancellationToken) + dashboard.Output);
        var runId = (await operatorAnswer.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("runId").GetString()!;
        var run = await RunNowSettings.WaitForAsync(
            () => http.GetFromJsonAsync<JsonElement>($"/api/runs/{runId}", TestContext.Current.CancellationToken),
            r => r.GetProperty("status").GetString() is "SUCCEEDED" or "FAILED",
            TimeSpan.FromMinutes(2));
        Assert.Equal(("SUCCEEDED", "api"), (run.GetProperty("status").GetString(), run.GetProperty("trigger").GetString()));
        Assert.False(string.IsNullOrEmpty(run.GetProperty("requestedBy").GetString()));
        Assert.NotEqual("local user (loopback)", run.GetProperty("requestedBy").GetString());
    }

    private static Task<HttpResponseMessage> PostAsync(HttpClient http, string? token) => Send(http, HttpMethod.Post, "/api/runs", token, "{}");

    private static Task<HttpResponseMessage> Send(HttpClient http, HttpMethod method, string path, string? token, string? json = null)
    {
        var request = new HttpRequestMessage(method, path);
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return http.SendAsync(request, TestContext.Current.CancellationToken);
    }
}
