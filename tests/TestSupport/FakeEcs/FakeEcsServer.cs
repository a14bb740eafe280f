using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Amazon.Runtime;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Kpi.TestSupport.FakeEcs;

/// <summary>
/// A local stand-in for Amazon ECS on a free loopback port (Kestrel): RunTask, DescribeTasks and StopTask over the
/// JSON 1.1 protocol, every request's SigV4 signature checked for <see cref="Credentials"/>, every request recorded,
/// each task's container run as a local process. Answers are shaped like the real API's.
/// </summary>
public sealed class FakeEcsServer : IAsyncDisposable
{
    public const string Region = "eu-west-1";
    public const string Account = "123456789012";
    public const string ClusterName = "kpi";
    public const string AccessKey = "AKIDFAKEECSLOCAL0001";
    public const string SecretKey = "fake/ecs+secret/key";

    private const string TargetPrefix = "AmazonEC2ContainerServiceV20141113.";
    private const string ContentType = "application/x-amz-json-1.1";

    private readonly WebApplication _app;
    private readonly SigV4Verifier _verifier;
    private readonly ConcurrentDictionary<string, FakeTaskDefinition> _definitions = new();
    private readonly ConcurrentDictionary<string, FakeEcsTask> _tasks = new();
    private readonly ConcurrentDictionary<string, (string Body, FakeEcsTask Task)> _byClientToken = new();
    private readonly ConcurrentQueue<FakeEcsRequest> _requests = new();
    private readonly List<Task> _lifecycles = [];
    private readonly TimeProvider _time = TimeProvider.System;
    private int _lostRunTaskAnswers;
    private int _throttled;
    private volatile bool _stopTaskDenied;

    private FakeEcsServer(string? sessionToken)
    {
        Credentials = sessionToken is null
            ? new BasicAWSCredentials(AccessKey, SecretKey)
            : new SessionAWSCredentials(AccessKey, SecretKey, sessionToken);
        _verifier = new SigV4Verifier(new ImmutableCredentials(AccessKey, SecretKey, sessionToken), Region, "ecs", _time, "content-type", "x-amz-target");

        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        _app = builder.Build();
        _app.Run(HandleAsync);
    }

    /// <summary>The credentials the fake accepts (with a session token when started with one).</summary>
    public AWSCredentials Credentials { get; }

    public Uri Endpoint { get; private set; } = null!;

    public string ClusterArn => $"arn:aws:ecs:{Region}:{Account}:cluster/{ClusterName}";

    /// <summary>Every request received, in order, including refused ones.</summary>
    public IReadOnlyList<FakeEcsRequest> Requests => [.. _requests];

    public IReadOnlyCollection<FakeEcsTask> Tasks => [.. _tasks.Values];

    /// <summary>Starts a fake that accepts <see cref="AccessKey"/>/<see cref="SecretKey"/>, and requires <paramref name="sessionToken"/> when given.</summary>
    public static async Task<FakeEcsServer> StartAsync(string? sessionToken = null)
    {
        var server = new FakeEcsServer(sessionToken);
        await server._app.StartAsync();
        var address = server._app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        server.Endpoint = new Uri(address);
        return server;
    }

    /// <summary>
    /// Makes the next <paramref name="count"/> RunTask calls start their task and then answer 500 ServerException,
    /// as when ECS did the work but the answer was lost: a client that retries must not start a second task.
    /// </summary>
    public void LoseRunTaskAnswers(int count) => Interlocked.Exchange(ref _lostRunTaskAnswers, count);

    /// <summary>Answers the next <paramref name="count"/> signed calls with ECS's rate limit: 400 ThrottlingException.</summary>
    public void Throttle(int count) => Interlocked.Exchange(ref _throttled, count);

    /// <summary>
    /// While set, StopTask answers 400 AccessDeniedException, as ECS does when the caller's role lacks ecs:StopTask
    /// (an answer no client retries): the task keeps running.
    /// </summary>
    public void DenyStopTask(bool denied) => _stopTaskDenied = denied;

    public void AddTaskDefinition(FakeTaskDefinition definition) => _definitions[definition.Family] = definition;

    public FakeEcsTask Task(string taskArn) => _tasks[taskArn];

    public async ValueTask DisposeAsync()
    {
        foreach (var task in _tasks.Values)
        {
            task.Kill();
        }

        Task[] lifecycles;
        lock (_lifecycles)
        {
            lifecycles = [.. _lifecycles];
        }

        await System.Threading.Tasks.Task.WhenAll(lifecycles).WaitAsync(TimeSpan.FromSeconds(10));
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer);
        var body = buffer.ToArray();
        var headers = context.Request.Headers.ToDictionary(h => h.Key.ToLowerInvariant(), h => h.Value.ToString());
        headers.TryGetValue("x-amz-target", out var target);

        int status;
        JsonNode answer;
        try
        {
            if (context.Request.Method != "POST")
            {
                throw new FakeEcsException(405, "UnknownOperationException", "Only POST is accepted.");
            }

            _verifier.Verify(context.Request.Method, context.Request.Path.Value ?? "", context.Request.QueryString.Value ?? "", headers, body);
            if (!headers.TryGetValue("content-type", out var contentType) || contentType != ContentType)
            {
                throw new FakeEcsException(400, "SerializationException", $"Content-Type must be {ContentType}.");
            }

            if (Take(ref _throttled))
            {
                throw new FakeEcsException(400, "ThrottlingException", "Rate exceeded");
            }

            var request = Parse(body);
            answer = target switch
            {
                TargetPrefix + "RunTask" => RunTask(request),
                TargetPrefix + "DescribeTasks" => DescribeTasks(request),
                TargetPrefix + "StopTask" => StopTask(request),
                _ => throw new FakeEcsException(400, "UnknownOperationException", $"Unknown operation {target}."),
            };
            if (target == TargetPrefix + "RunTask" && Take(ref _lostRunTaskAnswers))
            {
                throw new FakeEcsException(500, "ServerException", "Service unavailable. Please try again later.");
            }

            status = 200;
        }
        catch (FakeEcsException ex)
        {
            status = ex.Status;
            // Service errors carry their namespace in __type; authentication errors come from the front door without one.
            var type = ex.Status == 403 || ex.Type.EndsWith("OperationException", StringComparison.Ordinal) ? ex.Type : $"com.amazonaws.ecs#{ex.Type}";
            answer = new JsonObject { ["__type"] = type, ["message"] = ex.Message };
        }

        _requests.Enqueue(new FakeEcsRequest(target, Encoding.UTF8.GetString(body), headers, status));
        context.Response.StatusCode = status;
        context.Response.ContentType = ContentType;
        context.Response.Headers["x-amzn-RequestId"] = Guid.NewGuid().ToString();
        await context.Response.WriteAsync(answer.ToJsonString());
    }

    /// <summary>Counts one down when some are left.</summary>
    private static bool Take(ref int counter)
    {
        int left;
        do
        {
            left = Volatile.Read(ref counter);
            if (left <= 0)
            {
                return false;
            }
        }
        while (Interlocked.CompareExchange(ref counter, left - 1, left) != left);

        return true;
    }

    private JsonObject RunTask(JsonObject request)
    {
        CheckCluster(request);
        var family = Required(request, "taskDefinition").Split('/')[^1].Split(':')[0];
        if (!_definitions.TryGetValue(family, out var definition))
        {
            throw new FakeEcsException(400, "ClientException", "Unable to describe task definition.");
        }

        if ((string?)request["launchType"] != "FARGATE")
        {
            throw new FakeEcsException(400, "InvalidParameterException", "This fake runs Fargate tasks only: launchType must be FARGATE.");
        }

        var vpc = request["networkConfiguration"]?["awsvpcConfiguration"];
        if (vpc?["subnets"] is not JsonArray { Count: > 0 })
        {
            throw new FakeEcsException(400, "InvalidParameterException", "Network Configuration must be provided when networkMode 'awsvpc' is specified.");
        }

        if ((string?)vpc["assignPublicIp"] is { } assign && assign is not ("ENABLED" or "DISABLED"))
        {
            throw new FakeEcsException(400, "InvalidParameterException", $"assignPublicIp must be ENABLED or DISABLED, got {assign}.");
        }

        var clientToken = (string?)request["clientToken"];
        if (clientToken is not null && _byClientToken.TryGetValue(clientToken, out var earlier))
        {
            return earlier.Body == request.ToJsonString()
                ? new JsonObject { ["tasks"] = new JsonArray(earlier.Task.ToJson()), ["failures"] = new JsonArray() }
                : throw new FakeEcsException(400, "ConflictException", "The specified client token has already been used with different parameters.");
        }

        if (definition.PlacementFailure is { } reason)
        {
            var failure = new JsonObject { ["arn"] = ClusterArn, ["reason"] = reason, ["detail"] = "The fake was told to fail placement." };
            return new JsonObject { ["tasks"] = new JsonArray(), ["failures"] = new JsonArray(failure) };
        }

        var environment = new Dictionary<string, string>(definition.Environment ?? new Dictionary<string, string>());
        foreach (var containerOverride in request["overrides"]?["containerOverrides"]?.AsArray() ?? [])
        {
            var name = (string?)containerOverride?["name"];
            if (name != definition.ContainerName)
            {
                throw new FakeEcsException(400, "InvalidParameterException", $"Override for container named {name} is not a container in the TaskDefinition.");
            }

            foreach (var variable in containerOverride?["environment"]?.AsArray() ?? [])
            {
                environment[(string?)variable?["name"] ?? throw new FakeEcsException(400, "InvalidParameterException", "An environment variable has no name.")]
                    = (string?)variable!["value"] ?? "";
            }
        }

        var taskArn = $"arn:aws:ecs:{Region}:{Account}:task/{ClusterName}/{Guid.NewGuid():N}";
        var task = new FakeEcsTask(taskArn, ClusterArn, $"arn:aws:ecs:{Region}:{Account}:task-definition/{family}:1", definition,
            environment, request["overrides"], (string?)request["startedBy"], _time.GetUtcNow());
        _tasks[taskArn] = task;
        if (clientToken is not null)
        {
            _byClientToken[clientToken] = (request.ToJsonString(), task);
        }

        lock (_lifecycles)
        {
            _lifecycles.Add(task.RunAsync(_time));
        }

        return new JsonObject { ["tasks"] = new JsonArray(task.ToJson()), ["failures"] = new JsonArray() };
    }

    private JsonObject DescribeTasks(JsonObject request)
    {
        CheckCluster(request);
        var ids = request["tasks"]?.AsArray().Select(id => (string?)id ?? "").ToList() ?? [];
        if (ids.Count is 0 or > 100)
        {
            throw new FakeEcsException(400, "InvalidParameterException", "Tasks cannot be empty and must number at most 100.");
        }

        var tasks = new JsonArray();
        var failures = new JsonArray();
        foreach (var id in ids)
        {
            if (Find(id) is { } task)
            {
                tasks.Add(task.ToJson());
            }
            else
            {
                failures.Add(new JsonObject { ["arn"] = id, ["reason"] = "MISSING" });
            }
        }

        return new JsonObject { ["tasks"] = tasks, ["failures"] = failures };
    }

    private JsonObject StopTask(JsonObject request)
    {
        CheckCluster(request);
        if (_stopTaskDenied)
        {
            throw new FakeEcsException(400, "AccessDeniedException", "User is not authorized to perform: ecs:StopTask");
        }

        var task = Find(Required(request, "task")) ?? throw new FakeEcsException(400, "InvalidParameterException", "The referenced task was not found.");
        task.RequestStop((string?)request["reason"] ?? "Task stopped by user");
        return new JsonObject { ["task"] = task.ToJson() };
    }

    /// <summary>A task by ARN, or by the id at the end of its ARN as ECS also accepts.</summary>
    private FakeEcsTask? Find(string id) =>
        _tasks.TryGetValue(id, out var task) ? task : _tasks.Values.FirstOrDefault(t => t.TaskArn.EndsWith("/" + id, StringComparison.Ordinal));

    private void CheckCluster(JsonObject request)
    {
        var cluster = (string?)request["cluster"] ?? "default";
        if (cluster != ClusterName && cluster != ClusterArn)
        {
            throw new FakeEcsException(400, "ClusterNotFoundException", "Cluster not found.");
        }
    }

    private static string Required(JsonObject request, string name) =>
        (string?)request[name] is { Length: > 0 } value ? value : throw new FakeEcsException(400, "InvalidParameterException", $"{name} is required.");

    private static JsonObject Parse(byte[] body)
    {
        try
        {
            return JsonNode.Parse(body) as JsonObject ?? throw new FakeEcsException(400, "SerializationException", "The body must be a JSON object.");
        }
        catch (JsonException ex)
        {
            throw new FakeEcsException(400, "SerializationException", ex.Message);
        }
    }
}
