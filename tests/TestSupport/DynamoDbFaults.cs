using System.Text;
using System.Text.Json.Nodes;

namespace Kpi.TestSupport;

/// <summary>
/// What DynamoDB does to BatchWriteItem under load, made by an <see cref="HttpPassThrough"/> in front of DynamoDB
/// Local (which never does it by itself): part of a call left unprocessed, throttling, an answer lost after the
/// write, an outright failure. Other operations pass unchanged. Records which items the client was told are
/// written, so a test can check that each was acknowledged exactly once. Calls are numbered from 1 as they arrive.
/// </summary>
public sealed class DynamoDbFaults
{
    private const string BatchWriteItem = "DynamoDB_20120810.BatchWriteItem";
    private const string ContentType = "application/x-amz-json-1.0";

    private readonly List<JsonObject> _acknowledged = [];
    private readonly List<int> _requestSizes = [];
    private int _calls;
    private int _unprocessed;
    private int _throttled;
    private int _lost;

    /// <summary>Every Nth call: the first half of its items is written, the rest answered as UnprocessedItems.</summary>
    public int UnprocessedEvery { get; init; }

    /// <summary>Every Nth call: 400 ProvisionedThroughputExceededException, nothing written.</summary>
    public int ThrottleEvery { get; init; }

    /// <summary>Every Nth call: written, then answered 500 InternalServerError, as when an answer is lost.</summary>
    public int LoseAnswerEvery { get; init; }

    /// <summary>Every call: nothing written, every item answered as unprocessed.</summary>
    public bool NeverProcess { get; init; }

    /// <summary>Calls after this many are answered with <see cref="Failure"/> and not written.</summary>
    public int? FailAfter { get; init; }

    public (int Status, string Type) Failure { get; init; } = (500, "com.amazonaws.dynamodb.v20120810#InternalServerError");

    public int Calls => Volatile.Read(ref _calls);

    public int UnprocessedReturned => Volatile.Read(ref _unprocessed);

    public int Throttled => Volatile.Read(ref _throttled);

    public int AnswersLost => Volatile.Read(ref _lost);

    /// <summary>The items of every put the client was answered as written, in the order of the answers.</summary>
    public IReadOnlyList<JsonObject> Acknowledged
    {
        get
        {
            lock (_acknowledged)
            {
                return [.. _acknowledged];
            }
        }
    }

    /// <summary>The number of put requests in each BatchWriteItem call.</summary>
    public IReadOnlyList<int> RequestSizes
    {
        get
        {
            lock (_requestSizes)
            {
                return [.. _requestSizes];
            }
        }
    }

    /// <summary>A proxy to DynamoDB Local that applies these faults.</summary>
    public async Task<HttpPassThrough> StartProxyAsync(Uri dynamoDb, int holdUntilInFlight = 0)
    {
        var proxy = await HttpPassThrough.StartAsync(dynamoDb, holdUntilInFlight);
        proxy.Handle = HandleAsync;
        return proxy;
    }

    private async Task<PassThroughResponse> HandleAsync(PassThroughRequest request)
    {
        if (!request.Headers.TryGetValue("X-Amz-Target", out var target) || target != BatchWriteItem)
        {
            return await request.ForwardAsync();
        }

        var call = Interlocked.Increment(ref _calls);
        var body = JsonNode.Parse(request.Body)!.AsObject();
        var (table, requests) = body["RequestItems"]!.AsObject().Single();
        var puts = requests!.AsArray();
        lock (_requestSizes)
        {
            _requestSizes.Add(puts.Count);
        }

        if (call > FailAfter)
        {
            return Error(Failure.Status, Failure.Type, "The request failed (test proxy).");
        }

        if (ThrottleEvery > 0 && call % ThrottleEvery == 0)
        {
            Interlocked.Increment(ref _throttled);
            return Error(400, "com.amazonaws.dynamodb.v20120810#ProvisionedThroughputExceededException", "The level of configured provisioned throughput for the table was exceeded.");
        }

        var keep = NeverProcess ? 0 : UnprocessedEvery > 0 && call % UnprocessedEvery == 0 ? (puts.Count + 1) / 2 : puts.Count;
        var written = puts.Take(keep).Select(put => put!.DeepClone()).ToList();
        var left = puts.Skip(keep).Select(put => put!.DeepClone()).ToList();
        var answer = new JsonObject();
        if (written.Count > 0)
        {
            var part = body.DeepClone().AsObject();
            part["RequestItems"] = new JsonObject { [table] = new JsonArray([.. written]) };
            var response = await request.ForwardAsync(Encoding.UTF8.GetBytes(part.ToJsonString()));
            if (response.Status != 200)
            {
                return response;
            }

            answer = JsonNode.Parse(response.Body)!.AsObject();
            if (answer["UnprocessedItems"] is JsonObject { Count: > 0 })
            {
                throw new InvalidOperationException("DynamoDB Local left items unprocessed itself; this proxy assumes it never does.");
            }
        }

        if (LoseAnswerEvery > 0 && call % LoseAnswerEvery == 0)
        {
            Interlocked.Increment(ref _lost);
            return Error(500, "com.amazonaws.dynamodb.v20120810#InternalServerError", "Internal server error (answer lost, test proxy).");
        }

        Interlocked.Add(ref _unprocessed, left.Count);
        answer["UnprocessedItems"] = left.Count == 0 ? new JsonObject() : new JsonObject { [table] = new JsonArray([.. left]) };
        lock (_acknowledged)
        {
            _acknowledged.AddRange(written.Select(put => put!["PutRequest"]!["Item"]!.AsObject()));
        }

        return Json(200, answer);
    }

    private static PassThroughResponse Error(int status, string type, string message) =>
        Json(status, new JsonObject { ["__type"] = type, ["message"] = message });

    private static PassThroughResponse Json(int status, JsonObject body) =>
        new(status, new Dictionary<string, string> { ["Content-Type"] = ContentType, ["x-amzn-RequestId"] = Guid.NewGuid().ToString() }, Encoding.UTF8.GetBytes(body.ToJsonString()));
}
