using DuckDB.NET.Data;
using Grpc.Core;
using Kpi.Pipeline.Engine.Spark.Connect;

namespace Kpi.Pipeline.Tests.Engine.Spark;

/// <summary>
/// The subset of SparkConnectService the client uses. A command runs at once and answers with its
/// sql_command_result; a query answers with a schema-only first response, its rows as Arrow batches, a
/// metrics-only response and result_complete. Failed statements answer as Spark does: INTERNAL with
/// <c>[ERROR_CLASS] message SQLSTATE: …</c>.
/// </summary>
internal sealed class FakeSparkConnectService(SparkConnectTestServer server) : SparkConnectService.SparkConnectServiceBase
{
    public override async Task ExecutePlan(ExecutePlanRequest request, IServerStreamWriter<ExecutePlanResponse> responseStream, ServerCallContext context)
    {
        Authorize(context);
        server.Requests.Enqueue(request);
        if (server.FailNextWith is { } status)
        {
            server.FailNextWith = null;
            throw new RpcException(new Status(status, $"fake server told to fail with {status}"));
        }

        var session = server.Sessions.GetOrAdd(request.SessionId, _ => new FakeSparkSession(server.ReadObject));
        var operationId = request.HasOperationId ? request.OperationId : Guid.NewGuid().ToString();
        var responses = request.Plan.OpTypeCase switch
        {
            Plan.OpTypeOneofCase.Command => session.RunCommand(request.Plan.Command.SqlCommand.Sql),
            Plan.OpTypeOneofCase.Root => session.RunQuery(request.Plan.Root.Sql.Query, server.RowsPerBatch),
            _ => throw new RpcException(new Status(StatusCode.Unimplemented, $"plan {request.Plan.OpTypeCase}")),
        };
        foreach (var response in responses)
        {
            response.SessionId = request.SessionId;
            response.OperationId = operationId;
            response.ResponseId = Guid.NewGuid().ToString();
        }

        var operation = new FakeOperation(responses);
        server.Operations[operationId] = operation;
        await SendAsync(operation, 0, responseStream);
    }

    public override async Task ReattachExecute(ReattachExecuteRequest request, IServerStreamWriter<ExecutePlanResponse> responseStream, ServerCallContext context)
    {
        Authorize(context);
        server.Requests.Enqueue(request);
        if (!server.Operations.TryGetValue(request.OperationId, out var operation) || operation.Released)
        {
            throw new RpcException(new Status(StatusCode.Internal, "[INVALID_HANDLE.OPERATION_NOT_FOUND] The operation is not found. SQLSTATE: HY000"));
        }

        var next = request.HasLastResponseId
            ? operation.Responses.ToList().FindIndex(r => r.ResponseId == request.LastResponseId) + 1
            : 0;
        await SendAsync(operation, next, responseStream);
    }

    public override Task<ReleaseExecuteResponse> ReleaseExecute(ReleaseExecuteRequest request, ServerCallContext context)
    {
        Authorize(context);
        server.Requests.Enqueue(request);
        if (server.Operations.TryGetValue(request.OperationId, out var operation))
        {
            operation.Released = true;
        }

        return Task.FromResult(new ReleaseExecuteResponse());
    }

    private async Task SendAsync(FakeOperation operation, int from, IServerStreamWriter<ExecutePlanResponse> stream)
    {
        var count = operation.Responses.Count - from;
        if (server.CutStreamsAfter is { } cut)
        {
            count = Math.Min(count, cut);
        }

        foreach (var response in operation.Responses.Skip(from).Take(count))
        {
            await stream.WriteAsync(response);
        }
    }

    private void Authorize(ServerCallContext context)
    {
        if (server.Token is { } token && context.RequestHeaders.GetValue("authorization") != $"Bearer {token}")
        {
            throw new RpcException(new Status(StatusCode.Unauthenticated, "invalid or missing bearer token"));
        }
    }
}

/// <summary>One Spark session's state: its own DuckDB database, where its temporary views live.</summary>
internal sealed class FakeSparkSession : IDisposable
{
    private readonly DuckDBConnection _connection = new("DataSource=:memory:");
    private readonly Lock _lock = new();
    private readonly Func<Uri, string> _readObject;

    /// <param name="readObject">A local copy of an <c>s3a://</c> object.</param>
    public FakeSparkSession(Func<Uri, string> readObject)
    {
        _readObject = readObject;
        _connection.Open();
        foreach (var macro in SparkSqlOnDuckDb.Macros)
        {
            Execute(macro);
        }
    }

    public List<ExecutePlanResponse> RunCommand(string sql)
    {
        lock (_lock)
        {
            Run(sql, () => Execute(SparkSqlOnDuckDb.Translate(sql, _readObject)));
        }

        return
        [
            new ExecutePlanResponse { SqlCommandResult = new ExecutePlanResponse.Types.SqlCommandResult { Relation = new Relation { Sql = new SQL { Query = sql } } } },
            new ExecutePlanResponse { Metrics = new ExecutePlanResponse.Types.Metrics() },
            new ExecutePlanResponse { ResultComplete = new ExecutePlanResponse.Types.ResultComplete() },
        ];
    }

    public List<ExecutePlanResponse> RunQuery(string sql, int rowsPerBatch)
    {
        List<(long Rows, Google.Protobuf.ByteString Data)> batches = [];
        lock (_lock)
        {
            Run(sql, () =>
            {
                using var command = _connection.CreateCommand();
                command.CommandText = SparkSqlOnDuckDb.Translate(sql, _readObject);
                using var reader = command.ExecuteReader();
                batches = ArrowResults.ToBatches(reader, rowsPerBatch);
            });
        }

        return
        [
            new ExecutePlanResponse { Schema = new DataType() },
            .. batches.Select(batch => new ExecutePlanResponse { ArrowBatch = new ExecutePlanResponse.Types.ArrowBatch { RowCount = batch.Rows, Data = batch.Data } }),
            new ExecutePlanResponse { Metrics = new ExecutePlanResponse.Types.Metrics() },
            new ExecutePlanResponse { ResultComplete = new ExecutePlanResponse.Types.ResultComplete() },
        ];
    }

    public void Dispose() => _connection.Dispose();

    private void Execute(string sql)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    /// <summary>DuckDB's errors under the Spark error classes of the same failures.</summary>
    private static void Run(string sql, Action action)
    {
        try
        {
            action();
        }
        catch (DuckDBException ex)
        {
            var (errorClass, state) = ex.Message switch
            {
                var m when m.StartsWith("Parser Error", StringComparison.Ordinal) => ("PARSE_SYNTAX_ERROR", "42601"),
                var m when m.Contains("Function with name", StringComparison.Ordinal) => ("UNRESOLVED_ROUTINE", "42883"),
                var m when m.Contains("Table with name", StringComparison.Ordinal) => ("TABLE_OR_VIEW_NOT_FOUND", "42P01"),
                _ => ("INTERNAL_ERROR", "XX000"),
            };
            throw new RpcException(new Status(StatusCode.Internal, $"[{errorClass}] {ex.Message.Split('\n')[0]} SQLSTATE: {state}"), $"in: {sql}");
        }
    }
}
