using Grpc.Core;
using Grpc.Net.Client;
using Kpi.Pipeline.Engine.Spark.Connect;

namespace Kpi.Pipeline.Engine.Spark;

/// <summary>
/// A minimal Spark Connect client: one session, one statement at a time. Every execution is reattachable:
/// a stream that ends before <c>result_complete</c> is resumed after the last response received, and the
/// operation is released on the server when done or failed.
/// </summary>
internal sealed class SparkConnectClient : IAsyncDisposable
{
    private readonly SparkRemote _remote;
    private readonly GrpcChannel _channel;
    private readonly SparkConnectService.SparkConnectServiceClient _client;
    private readonly Metadata _headers = [];
    private readonly TimeSpan _timeout;

    /// <summary>A server that keeps ending streams without sending anything is not making progress.</summary>
    private const int MaxEmptyReattaches = 3;

    public SparkConnectClient(SparkRemote remote, TimeSpan timeout, HttpMessageHandler? handler = null)
    {
        _remote = remote;
        _timeout = timeout;
        Session = new SparkSessionId(remote.SessionId ?? Guid.NewGuid().ToString(), remote.UserId);
        _channel = GrpcChannel.ForAddress(remote.Address, new GrpcChannelOptions
        {
            HttpHandler = handler,
            MaxReceiveMessageSize = 128 * 1024 * 1024,
        });
        _client = new SparkConnectService.SparkConnectServiceClient(_channel);
        if (remote.Token is not null)
        {
            _headers.Add("authorization", $"Bearer {remote.Token}");
        }

        foreach (var (name, value) in remote.Metadata)
        {
            _headers.Add(name.ToLowerInvariant(), value);
        }
    }

    public SparkSessionId Session { get; }

    /// <summary>Runs a statement for its effect (DDL).</summary>
    public async Task ExecuteAsync(string sql, CancellationToken cancellationToken) =>
        await RunAsync(sql, id => SparkRequests.Command(Session, id, sql), cancellationToken);

    /// <summary>Runs a query and collects its rows from the Arrow batches.</summary>
    public async Task<SparkRows> QueryAsync(string sql, CancellationToken cancellationToken)
    {
        var rows = new SparkRows();
        await RunAsync(sql, id => SparkRequests.Query(Session, id, sql), cancellationToken, rows);
        return rows;
    }

    public async Task<long> ScalarAsync(string sql, CancellationToken cancellationToken) =>
        Convert.ToInt64((await QueryAsync(sql, cancellationToken)).Rows[0][0], System.Globalization.CultureInfo.InvariantCulture);

    public ValueTask DisposeAsync()
    {
        _channel.Dispose();
        return ValueTask.CompletedTask;
    }

    private async Task RunAsync(string sql, Func<string, ExecutePlanRequest> request, CancellationToken cancellationToken, SparkRows? rows = null)
    {
        var operationId = Guid.NewGuid().ToString();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_timeout);
        try
        {
            string? lastResponseId = null;
            var complete = false;
            var emptyStreams = 0;
            var call = _client.ExecutePlan(request(operationId), _headers, cancellationToken: timeout.Token);
            while (!complete)
            {
                using (call)
                {
                    var received = 0;
                    await foreach (var response in call.ResponseStream.ReadAllAsync(timeout.Token))
                    {
                        received++;
                        lastResponseId = response.ResponseId.Length > 0 ? response.ResponseId : lastResponseId;
                        if (response.ArrowBatch is { } batch && rows is not null)
                        {
                            await rows.AddAsync(batch.Data, timeout.Token);
                        }

                        complete |= response.ResponseTypeCase == ExecutePlanResponse.ResponseTypeOneofCase.ResultComplete;
                    }

                    emptyStreams = received == 0 ? emptyStreams + 1 : 0;
                }

                if (!complete && emptyStreams >= MaxEmptyReattaches)
                {
                    throw new SparkException($"Spark at {_remote} ended {MaxEmptyReattaches} streams in a row without results or result_complete: {Shorten(sql)}");
                }

                if (!complete)
                {
                    // The server cut the stream (e.g. after its time limit): resume after the last response seen.
                    call = _client.ReattachExecute(SparkRequests.Reattach(Session, operationId, lastResponseId), _headers, cancellationToken: timeout.Token);
                }
            }

            await ReleaseAsync(operationId);
        }
        catch (RpcException ex)
        {
            await ReleaseAsync(operationId);
            throw Describe(ex, sql, cancellationToken);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            await ReleaseAsync(operationId);
            throw new SparkException($"Spark at {_remote} did not finish within {_timeout}: {Shorten(sql)}");
        }
    }

    /// <summary>Best effort: the server also frees an operation no client released, after a while.</summary>
    private async Task ReleaseAsync(string operationId)
    {
        try
        {
            using var release = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await _client.ReleaseExecuteAsync(SparkRequests.ReleaseAll(Session, operationId), _headers, cancellationToken: release.Token);
        }
        catch (RpcException)
        {
        }
    }

    private Exception Describe(RpcException ex, string sql, CancellationToken cancellationToken) => ex.StatusCode switch
    {
        StatusCode.Cancelled when cancellationToken.IsCancellationRequested => new OperationCanceledException(cancellationToken),
        StatusCode.DeadlineExceeded or StatusCode.Cancelled => new SparkException($"Spark at {_remote} did not finish within {_timeout}: {Shorten(sql)}", ex),
        StatusCode.Unavailable => new SparkException($"Cannot reach Spark Connect at {_remote}: {ex.Status.Detail}{Cause(ex)}", ex),
        StatusCode.Unauthenticated or StatusCode.PermissionDenied =>
            new SparkException($"Spark Connect at {_remote} refused the credentials ({ex.StatusCode}): {ex.Status.Detail}", ex),
        _ => new SparkException($"Spark failed ({ex.StatusCode}) on statement: {Shorten(sql)}\n{ex.Status.Detail}", ex),
    };

    /// <summary>The underlying reason of a failed connection (e.g. "Connection refused"), which the status detail leaves out.</summary>
    private static string Cause(RpcException ex)
    {
        var inner = ex.Status.DebugException;
        while (inner?.InnerException is not null)
        {
            inner = inner.InnerException;
        }

        return inner is null ? "" : $" ({inner.Message})";
    }

    private static string Shorten(string sql)
    {
        var line = string.Join(' ', sql.Split((char[])['\n', '\r'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        return line.Length <= 300 ? line : line[..300] + " …";
    }
}
