using System.Net;
using System.Text;
using Amazon.Runtime;
using Kpi.Dashboard.Runs.Ecs;
using Kpi.TestSupport.FakeEcs;
using Microsoft.Extensions.DependencyInjection;

namespace Kpi.Dashboard.Tests.Runs.Ecs;

/// <summary>The fake recomputes every SigV4 signature itself: the client's pass, anything altered after signing fails.</summary>
public sealed class EcsSignatureTests
{
    private static readonly Dictionary<string, string> RunEnvironment = new() { ["KPI_RUN_ID"] = "run-sig" };

    [Fact]
    public async Task Every_call_of_the_client_carries_a_signature_the_fake_accepts()
    {
        await using var ecs = await FakeEcsServer.StartAsync();
        ecs.AddTaskDefinition(EcsTestHost.Shell("exec sleep 300"));
        using var host = new EcsTestHost(ecs);

        var handle = await host.Launcher.StartAsync("run-sig", RunEnvironment, TestContext.Current.CancellationToken);
        await host.Launcher.DescribeAsync(handle.TaskArn, TestContext.Current.CancellationToken);
        await host.Launcher.StopAsync(handle.TaskArn, "done", TestContext.Current.CancellationToken);

        Assert.Equal(["RunTask", "DescribeTasks", "StopTask"], ecs.Requests.Select(r => r.Action));
        Assert.All(ecs.Requests, request =>
        {
            Assert.Equal(200, request.Status);
            Assert.StartsWith($"AWS4-HMAC-SHA256 Credential={FakeEcsServer.AccessKey}/", request.Headers["authorization"]);
            Assert.Contains("/eu-west-1/ecs/aws4_request", request.Headers["authorization"]);
            Assert.DoesNotContain("x-amz-security-token", request.Headers.Keys);
        });
    }

    public static TheoryData<string> Tampering => ["body", "target", "date"];

    [Theory]
    [MemberData(nameof(Tampering))]
    public async Task A_request_changed_after_signing_is_refused_as_ECS_would(string what)
    {
        await using var ecs = await FakeEcsServer.StartAsync();
        ecs.AddTaskDefinition(EcsTestHost.Shell("exit 0"));
        using var host = new EcsTestHost(ecs, configure: services =>
            services.AddHttpClient(EcsClient.HttpClientName).AddHttpMessageHandler(() => new TamperingHandler(what)));

        var error = await Assert.ThrowsAsync<EcsException>(
            () => host.Launcher.StartAsync("run-sig", RunEnvironment, TestContext.Current.CancellationToken));

        Assert.Equal("InvalidSignatureException", error.ErrorCode);
        Assert.Equal(HttpStatusCode.Forbidden, error.StatusCode);
        Assert.StartsWith("ECS RunTask refused: InvalidSignatureException: The request signature we calculated does not match", error.Message);
        Assert.Equal(403, Assert.Single(ecs.Requests).Status);
        Assert.Empty(ecs.Tasks);
    }

    [Fact]
    public async Task A_wrong_secret_key_is_an_invalid_signature()
    {
        await using var ecs = await FakeEcsServer.StartAsync();
        ecs.AddTaskDefinition(EcsTestHost.Shell("exit 0"));
        using var host = new EcsTestHost(ecs, new BasicAWSCredentials(FakeEcsServer.AccessKey, "not-the-secret"));

        var error = await Assert.ThrowsAsync<EcsException>(
            () => host.Launcher.StartAsync("run-sig", RunEnvironment, TestContext.Current.CancellationToken));

        Assert.Equal("InvalidSignatureException", error.ErrorCode);
    }

    [Fact]
    public async Task An_unknown_access_key_is_an_unrecognized_client()
    {
        await using var ecs = await FakeEcsServer.StartAsync();
        ecs.AddTaskDefinition(EcsTestHost.Shell("exit 0"));
        using var host = new EcsTestHost(ecs, new BasicAWSCredentials("AKIDSOMEONEELSE00000", FakeEcsServer.SecretKey));

        var error = await Assert.ThrowsAsync<EcsException>(
            () => host.Launcher.StartAsync("run-sig", RunEnvironment, TestContext.Current.CancellationToken));

        Assert.Equal("ECS RunTask refused: UnrecognizedClientException: The security token included in the request is invalid.", error.Message);
    }

    [Fact]
    public async Task An_unsigned_request_is_refused()
    {
        await using var ecs = await FakeEcsServer.StartAsync();
        using var http = new HttpClient();
        using var content = new StringContent("{}", Encoding.UTF8, "application/x-amz-json-1.1");
        using var request = new HttpRequestMessage(HttpMethod.Post, ecs.Endpoint) { Content = content };
        request.Headers.Add("X-Amz-Target", "AmazonEC2ContainerServiceV20141113.DescribeTasks");

        using var response = await http.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("MissingAuthenticationTokenException", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Session_credentials_send_the_security_token_signed_with_the_request()
    {
        await using var ecs = await FakeEcsServer.StartAsync(sessionToken: "FwoGZXIvYXdzEDoaDFakeSessionToken==");
        ecs.AddTaskDefinition(EcsTestHost.Shell("exit 0"));
        using var host = new EcsTestHost(ecs);

        await host.Launcher.StartAsync("run-sig", RunEnvironment, TestContext.Current.CancellationToken);

        var request = Assert.Single(ecs.Requests);
        Assert.Equal(200, request.Status);
        Assert.Equal("FwoGZXIvYXdzEDoaDFakeSessionToken==", request.Headers["x-amz-security-token"]);
        Assert.Contains("x-amz-security-token", request.Headers["authorization"].Split("SignedHeaders=")[1].Split(',')[0].Split(';'));
    }

    [Fact]
    public async Task Without_the_session_token_temporary_keys_are_refused()
    {
        await using var ecs = await FakeEcsServer.StartAsync(sessionToken: "FwoGZXIvYXdzEDoaDFakeSessionToken==");
        ecs.AddTaskDefinition(EcsTestHost.Shell("exit 0"));
        using var host = new EcsTestHost(ecs, new BasicAWSCredentials(FakeEcsServer.AccessKey, FakeEcsServer.SecretKey));

        var error = await Assert.ThrowsAsync<EcsException>(
            () => host.Launcher.StartAsync("run-sig", RunEnvironment, TestContext.Current.CancellationToken));

        Assert.Equal("UnrecognizedClientException", error.ErrorCode);
    }

    /// <summary>Alters a signed request on its way out, as a proxy or an attacker could.</summary>
    private sealed class TamperingHandler(string what) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            switch (what)
            {
                case "body":
                    var body = await request.Content!.ReadAsStringAsync(cancellationToken);
                    var contentType = request.Content.Headers.ContentType;
                    request.Content = new StringContent(body.Replace("\"kpi-pipeline\"", "\"kpi-pipeline-admin\"", StringComparison.Ordinal));
                    request.Content.Headers.ContentType = contentType;
                    break;
                case "target":
                    request.Headers.Remove("X-Amz-Target");
                    request.Headers.Add("X-Amz-Target", "AmazonEC2ContainerServiceV20141113.StopTask");
                    break;
                case "date":
                    var signedAt = DateTime.ParseExact(request.Headers.GetValues("X-Amz-Date").Single(), "yyyyMMdd'T'HHmmss'Z'", null, System.Globalization.DateTimeStyles.AdjustToUniversal);
                    request.Headers.Remove("X-Amz-Date");
                    request.Headers.Add("X-Amz-Date", signedAt.AddSeconds(signedAt.TimeOfDay < TimeSpan.FromSeconds(1) ? 1 : -1).ToString("yyyyMMdd'T'HHmmss'Z'", System.Globalization.CultureInfo.InvariantCulture));
                    break;
            }

            return await base.SendAsync(request, cancellationToken);
        }
    }
}
