using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Kpi.Shared.Runs;
using Kpi.Shared.Storage;
using Kpi.TestSupport;

namespace Kpi.Dashboard.BrowserTests;

/// <summary>The runs API of a dashboard process with the local launcher, on loopback without an identity provider.</summary>
public sealed class RunsApiTests(DynamoDbLocal dynamo)
{
    private static readonly TimeSpan RunBound = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task A_run_is_accepted_with_its_location_and_finishes_succeeded()
    {
        using var data = TestData.Write();
        var tables = await dynamo.CreateTablesAsync();
        await using var server = await DashboardServer.StartAsync(dynamo, tables, settings: RunNowSettings.Local(data.Path));
        using var http = new HttpClient { BaseAddress = server.Address };

        var response = await http.PostAsync("/api/runs", Json("{}"), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var accepted = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        var runId = accepted.GetProperty("runId").GetString()!;
        Assert.Equal("PENDING", accepted.GetProperty("status").GetString());
        Assert.Equal($"/api/runs/{runId}", response.Headers.Location?.OriginalString);

        var run = await RunNowSettings.WaitForAsync(
            () => http.GetFromJsonAsync<JsonElement>(response.Headers.Location, TestContext.Current.CancellationToken),
            r => r.GetProperty("status").GetString() is "SUCCEEDED" or "FAILED",
            RunBound);
        Assert.True(run.GetProperty("status").GetString() == "SUCCEEDED", run.ToString() + server.Output);
        Assert.Equal(("api", "local user (loopback)", 20L), (run.GetProperty("trigger").GetString(), run.GetProperty("requestedBy").GetString(), run.GetProperty("categoryRowsWritten").GetInt64()));
        var latest = await http.GetFromJsonAsync<JsonElement>("/api/runs?limit=5", TestContext.Current.CancellationToken);
        Assert.Equal(runId, latest[0].GetProperty("runId").GetString());

        // The process's exit is recorded too; a process that succeeded has no stop reason (its output is not one).
        var stopped = await RunNowSettings.WaitForAsync(
            () => http.GetFromJsonAsync<JsonElement>(response.Headers.Location, TestContext.Current.CancellationToken),
            r => r.GetProperty("lastStatus").GetString() == "STOPPED",
            RunBound);
        Assert.Equal(0, stopped.GetProperty("exitCode").GetInt32());
        Assert.True(!stopped.TryGetProperty("stoppedReason", out var reason) || reason.ValueKind == JsonValueKind.Null, stopped.ToString());
    }

    [Fact]
    public async Task A_second_request_during_a_run_gets_409_naming_the_active_run()
    {
        using var data = TestData.Write();
        var tables = await dynamo.CreateTablesAsync();
        await using var server = await DashboardServer.StartAsync(dynamo, tables, settings: RunNowSettings.Local(data.Path));
        using var http = new HttpClient { BaseAddress = server.Address };

        var first = await http.PostAsync("/api/runs", Json("{}"), TestContext.Current.CancellationToken);
        var second = await http.PostAsync("/api/runs", Json("{}"), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        var runId = (await first.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("runId").GetString()!;
        var problem = await second.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        Assert.Equal(runId, problem.GetProperty("activeRunId").GetString());
        Assert.Contains(runId, problem.GetProperty("detail").GetString());
        Assert.Equal("application/problem+json", second.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_form_post_gets_415_and_an_unknown_run_404()
    {
        using var data = TestData.Write();
        var tables = await dynamo.CreateTablesAsync();
        await using var server = await DashboardServer.StartAsync(dynamo, tables, settings: RunNowSettings.Local(data.Path));
        using var http = new HttpClient { BaseAddress = server.Address };

        var form = await http.PostAsync("/api/runs", new FormUrlEncodedContent([]), TestContext.Current.CancellationToken);
        var text = await http.PostAsync("/api/runs", new StringContent("{}", Encoding.UTF8, "text/plain"), TestContext.Current.CancellationToken);
        var unknown = await http.GetAsync("/api/runs/no-such-run", TestContext.Current.CancellationToken);
        var lockItem = await http.GetAsync($"/api/runs/{Uri.EscapeDataString(RunAttributes.ActiveRunLockId)}", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, form.StatusCode);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, text.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("application/problem+json", unknown.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.NotFound, lockItem.StatusCode);
        using var longId = await http.GetAsync("/api/runs/" + new string('x', 5_000), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.NotFound, longId.StatusCode);
        foreach (var limit in new[] { "abc", "0", "-5", "101" })
        {
            using var listed = await http.GetAsync($"/api/runs?limit={limit}", TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.BadRequest, listed.StatusCode);
            Assert.Equal("application/problem+json", listed.Content.Headers.ContentType?.MediaType);
        }

        using var client = dynamo.CreateClient();
        Assert.Empty(await new DynamoRunStore(client, tables).ListLatestAsync(5, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task A_store_failure_is_answered_503_as_problem_details_not_the_html_error_page()
    {
        using var data = TestData.Write();
        var tables = await dynamo.CreateTablesAsync();
        await using var server = await DashboardServer.StartAsync(dynamo, tables, settings: RunNowSettings.Local(data.Path));
        using var http = new HttpClient { BaseAddress = server.Address };
        using (var client = dynamo.CreateClient())
        {
            // The runs table goes away under a running dashboard: every call to it now fails.
            await client.DeleteTableAsync(tables.RunsTable, TestContext.Current.CancellationToken);
        }

        using var start = await http.PostAsync("/api/runs", Json("{}"), TestContext.Current.CancellationToken);
        using var list = await http.GetAsync("/api/runs", TestContext.Current.CancellationToken);

        foreach (var response in new[] { start, list })
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            var problem = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
            Assert.Equal(503, problem.GetProperty("status").GetInt32());
            Assert.Equal("nosniff", string.Join(',', response.Headers.GetValues("X-Content-Type-Options")));
            Assert.True(response.Headers.Contains("Content-Security-Policy"), response.ToString());
        }
    }

    [Fact]
    public async Task Two_dashboards_racing_to_start_a_run_start_exactly_one()
    {
        using var data = TestData.Write();
        var tables = await dynamo.CreateTablesAsync();
        await using var one = await DashboardServer.StartAsync(dynamo, tables, settings: RunNowSettings.Local(data.Path));
        await using var two = await DashboardServer.StartAsync(dynamo, tables, settings: RunNowSettings.Local(data.Path));
        using var httpOne = new HttpClient { BaseAddress = one.Address };
        using var httpTwo = new HttpClient { BaseAddress = two.Address };

        var answers = await Task.WhenAll(
            httpOne.PostAsync("/api/runs", Json("{}"), TestContext.Current.CancellationToken),
            httpTwo.PostAsync("/api/runs", Json("{}"), TestContext.Current.CancellationToken));

        Assert.Equal([HttpStatusCode.Accepted, HttpStatusCode.Conflict], answers.Select(a => a.StatusCode).Order());
        using var client = dynamo.CreateClient();
        var runs = await new DynamoRunStore(client, tables).ListLatestAsync(5, TestContext.Current.CancellationToken);
        Assert.Single(runs);
    }

    [Fact]
    public async Task The_api_is_described_at_openapi_v1()
    {
        var tables = await dynamo.CreateTablesAsync();
        await using var server = await DashboardServer.StartAsync(dynamo, tables);
        using var http = new HttpClient { BaseAddress = server.Address };

        var document = await http.GetFromJsonAsync<JsonElement>("/openapi/v1.json", TestContext.Current.CancellationToken);

        Assert.True(document.GetProperty("paths").TryGetProperty("/api/runs", out var runs));
        Assert.True(runs.TryGetProperty("post", out _));
        Assert.True(document.GetProperty("paths").TryGetProperty("/api/runs/{id}", out _));
    }

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");
}
