using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Amazon.Runtime;
using Amazon.Runtime.Internal;
using Amazon.Runtime.Internal.Auth;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Polly.Retry;

namespace Kpi.Dashboard.Runs.Ecs;

/// <summary>
/// The three ECS calls the dashboard needs (the SDK's ECS package is not available), over the JSON 1.1 protocol:
/// typed bodies, signed with AWSSDK.Core's SigV4 signer, sent through <see cref="IHttpClientFactory"/>.
/// </summary>
internal sealed class EcsClient(
    IHttpClientFactory httpClients,
    EcsEndpoint endpoint,
    [FromKeyedServices(EcsClient.CredentialsKey)] AWSCredentials credentials)
{
    /// <summary>The named HttpClient (with the standard resilience handler) every call goes through.</summary>
    public const string HttpClientName = "ecs";

    /// <summary>The DI key of the <see cref="AWSCredentials"/> that sign the calls (the SDK's default chain unless replaced).</summary>
    public const string CredentialsKey = "ecs";

    private const string ServiceName = "ecs";
    private const string TargetPrefix = "AmazonEC2ContainerServiceV20141113.";
    private const string ContentType = "application/x-amz-json-1.1";

    private readonly SigningConfig _signingConfig = new(endpoint);
    private readonly AWS4Signer _signer = new();

    public Task<RunTaskResponse> RunTaskAsync(RunTaskRequest request, CancellationToken cancellationToken) =>
        SendAsync("RunTask", request, EcsJsonContext.Default.RunTaskRequest, EcsJsonContext.Default.RunTaskResponse, cancellationToken);

    public Task<DescribeTasksResponse> DescribeTasksAsync(DescribeTasksRequest request, CancellationToken cancellationToken) =>
        SendAsync("DescribeTasks", request, EcsJsonContext.Default.DescribeTasksRequest, EcsJsonContext.Default.DescribeTasksResponse, cancellationToken);

    public Task<StopTaskResponse> StopTaskAsync(StopTaskRequest request, CancellationToken cancellationToken) =>
        SendAsync("StopTask", request, EcsJsonContext.Default.StopTaskRequest, EcsJsonContext.Default.StopTaskResponse, cancellationToken);

    private async Task<TResponse> SendAsync<TRequest, TResponse>(
        string action, TRequest request, JsonTypeInfo<TRequest> requestType, JsonTypeInfo<TResponse> responseType, CancellationToken cancellationToken)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(request, requestType);
        using var message = await SignAsync(action, body);
        var http = httpClients.CreateClient(HttpClientName);
        using var response = await http.SendAsync(message, cancellationToken);
        var answer = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw Refused(action, response.StatusCode, answer);
        }

        return JsonSerializer.Deserialize(answer, responseType)
            ?? throw new EcsException(action, "EmptyResponse", "ECS answered with an empty body.", response.StatusCode);
    }

    /// <summary>
    /// Builds the SDK's request object only to have AWS4Signer sign it, then copies every header it signed onto the
    /// HttpRequestMessage unchanged (host, x-amz-date, x-amz-content-sha256, content-type, x-amz-target, the token).
    /// </summary>
    private async Task<HttpRequestMessage> SignAsync(string action, byte[] body)
    {
        var identity = await credentials.GetCredentialsAsync();
        using var sdkRequest = new DefaultRequest(new SignedRequest(), ServiceName)
        {
            HttpMethod = "POST",
            Endpoint = endpoint.Url,
            ResourcePath = "/",
            Content = body,
            AuthenticationRegion = endpoint.Region,
            OverrideSigningServiceName = ServiceName,
        };
        sdkRequest.Headers["Content-Type"] = ContentType;
        sdkRequest.Headers["X-Amz-Target"] = TargetPrefix + action;
        if (identity.UseToken)
        {
            // Signed with the rest: temporary credentials (the ECS task role) are refused without it.
            sdkRequest.Headers["X-Amz-Security-Token"] = identity.Token;
        }

        var signature = _signer.SignRequest(sdkRequest, _signingConfig, null, identity.AccessKey, identity.SecretKey);
        sdkRequest.Headers["Authorization"] = signature.ForAuthorizationHeader;

        var message = new HttpRequestMessage(HttpMethod.Post, endpoint.Url) { Content = new ByteArrayContent(body) };
        foreach (var (name, value) in sdkRequest.Headers)
        {
            if (name.Equals("Content-Type", StringComparison.OrdinalIgnoreCase))
            {
                message.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(value);
            }
            else if (name.Equals("Host", StringComparison.OrdinalIgnoreCase))
            {
                message.Headers.Host = value;
            }
            else
            {
                message.Headers.TryAddWithoutValidation(name, value);
            }
        }

        return message;
    }

    /// <summary>
    /// The resilience handler's retry condition: its transient failures (5xx, 408, 429, network errors) plus ECS's
    /// rate limiting, which comes as HTTP 400 ThrottlingException and which the standard handler would not retry.
    /// </summary>
    public static async ValueTask<bool> ShouldRetryAsync(RetryPredicateArguments<HttpResponseMessage> args)
    {
        if (HttpClientResiliencePredicates.IsTransient(args.Outcome))
        {
            return true;
        }

        if (args.Outcome.Result is not { StatusCode: HttpStatusCode.BadRequest } response)
        {
            return false;
        }

        // Buffered, so the caller still reads the body of the last attempt.
        await response.Content.LoadIntoBufferAsync(args.Context.CancellationToken);
        var answer = await response.Content.ReadAsByteArrayAsync(args.Context.CancellationToken);
        return ErrorCode(ReadError(answer)) == "ThrottlingException";
    }

    private static EcsException Refused(string action, HttpStatusCode status, byte[] answer)
    {
        var error = ReadError(answer);
        var code = ErrorCode(error) ?? $"HTTP {(int)status}";
        var text = string.IsNullOrWhiteSpace(error?.Message) ? status.ToString() : error.Message;
        return new EcsException(action, code, text, status);
    }

    private static EcsErrorBody? ReadError(byte[] answer)
    {
        try
        {
            return answer.Length == 0 ? null : JsonSerializer.Deserialize(answer, EcsJsonContext.Default.EcsErrorBody);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>"__type" may carry a namespace ("com.amazonaws.ecs#ClusterNotFoundException") or a suffix after ':'.</summary>
    private static string? ErrorCode(EcsErrorBody? error) =>
        error?.Type is { Length: > 0 } type ? type[(type.LastIndexOf('#') + 1)..].Split(':')[0] : null;

    /// <summary>The SDK's request type is abstract; this one carries nothing.</summary>
    private sealed class SignedRequest : AmazonWebServiceRequest;

    /// <summary>What AWS4Signer reads from a client configuration: the service name and region to sign for.</summary>
    private sealed class SigningConfig : ClientConfig
    {
        // Only retries and timeouts read this default configuration; the signer does not.
        public SigningConfig(EcsEndpoint endpoint)
            : base(new DefaultConfigurationProvider([new DefaultConfiguration { Name = DefaultConfigurationMode.Standard }]))
        {
            ServiceURL = endpoint.Url.ToString();
            AuthenticationRegion = endpoint.Region;
            AuthenticationServiceName = ServiceName;
        }

        public override string RegionEndpointServiceName => ServiceName;

        public override string ServiceVersion => "2014-11-13";

        public override string UserAgent => "kpi-dashboard";

        public override Amazon.Runtime.Endpoints.Endpoint DetermineServiceOperationEndpoint(Amazon.Runtime.Endpoints.ServiceOperationEndpointParameters parameters) => new(ServiceURL);
    }
}
