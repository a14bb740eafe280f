using System.Net;
using System.Net.Sockets;
using Grpc.Core;
using Kpi.Pipeline.Engine.Spark;
using Kpi.Pipeline.Engine.Spark.Connect;

namespace Kpi.Pipeline.Tests.Engine.Spark;

/// <summary>A server that wants a bearer token and cuts every stream after one response.</summary>
public sealed class GuardedSparkServer : SparkConnectTestServer
{
    public GuardedSparkServer()
    {
        Token = "s3cret";
        CutStreamsAfter = 1;
    }
}

/// <summary>The Spark Connect client against the in-process server: results, reattach, release, errors and credentials.</summary>
public sealed class SparkConnectClientTests(GuardedSparkServer server) : IClassFixture<GuardedSparkServer>
{
    private const string Values = "SELECT CAST(x AS DECIMAL(18, 6)) AS price, y AS name FROM (VALUES ('0.1', 'a'), ('0.2', 'b'), ('0.000001', NULL), ('123456789012.5', 'd'), ('7', 'e')) AS t(x, y)";

    [Fact]
    public async Task Rows_come_from_several_arrow_batches_with_exact_decimals()
    {
        await using var client = Client(server.Remote);

        var result = await client.QueryAsync(Values, TestContext.Current.CancellationToken);

        Assert.Equal([0.1m, 0.2m, 0.000001m, 123456789012.5m, 7m], result.Rows.Select(row => (decimal)row[0]!));
        Assert.Equal(["a", "b", null, "d", "e"], result.Rows.Select(row => (string?)row[1]));
    }

    [Fact]
    public async Task A_cut_stream_is_reattached_after_the_last_response_and_the_operation_released()
    {
        await using var client = Client(server.Remote);

        await client.QueryAsync(Values, TestContext.Current.CancellationToken);

        var requests = server.Requests.ToList();
        var execute = requests.OfType<ExecutePlanRequest>().Last(r => r.SessionId == client.Session.Id);
        var reattaches = requests.OfType<ReattachExecuteRequest>().Where(r => r.OperationId == execute.OperationId).ToList();
        var responses = server.Operations[execute.OperationId].Responses;

        // Schema, three batches of two rows at most, metrics, result_complete: one per stream.
        Assert.Equal(responses.Count - 1, reattaches.Count);
        Assert.Equal(responses.SkipLast(1).Select(r => r.ResponseId), reattaches.Select(r => r.LastResponseId));
        Assert.Contains(requests.OfType<ReleaseExecuteRequest>(), r => r.OperationId == execute.OperationId && r.ReleaseCase == ReleaseExecuteRequest.ReleaseOneofCase.ReleaseAll);
        Assert.True(server.Operations[execute.OperationId].Released);
    }

    [Theory]
    [InlineData("SELEC 1", "[PARSE_SYNTAX_ERROR]")]
    [InlineData("SELECT no_such_function(1)", "[UNRESOLVED_ROUTINE]")]
    public async Task A_failed_statement_is_named_with_spark_error_class(string sql, string errorClass)
    {
        await using var client = Client(server.Remote);

        var error = await Assert.ThrowsAsync<SparkException>(() => client.QueryAsync(sql, TestContext.Current.CancellationToken));

        Assert.Contains($"on statement: {sql}", error.Message);
        Assert.Contains(errorClass, error.Message);
        var execute = server.Requests.OfType<ExecutePlanRequest>().Last(r => r.SessionId == client.Session.Id);
        Assert.Contains(server.Requests.OfType<ReleaseExecuteRequest>(), r => r.OperationId == execute.OperationId);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("wrong")]
    public async Task A_missing_or_wrong_token_is_refused(string? token)
    {
        var remote = token is null ? $"sc://{server.Address}" : $"sc://{server.Address}/;token={token}";
        await using var client = Client(remote);

        var error = await Assert.ThrowsAsync<SparkException>(() => client.QueryAsync("SELECT 1", TestContext.Current.CancellationToken));

        Assert.Contains($"Spark Connect at sc://{server.Address} refused the credentials (Unauthenticated)", error.Message);
        Assert.DoesNotContain("s3cret", error.Message);
    }

    [Fact]
    public async Task A_grpc_error_from_the_server_is_surfaced()
    {
        await using var client = Client(server.Remote);
        server.FailNextWith = StatusCode.Unavailable;

        var error = await Assert.ThrowsAsync<SparkException>(() => client.ExecuteAsync("SELECT 1", TestContext.Current.CancellationToken));

        Assert.StartsWith($"Cannot reach Spark Connect at sc://{server.Address}", error.Message);
    }

    [Fact]
    public async Task An_unreachable_server_is_named_with_the_reason()
    {
        var port = ClosedPort();
        await using var client = Client($"sc://127.0.0.1:{port}");

        var error = await Assert.ThrowsAsync<SparkException>(() => client.ExecuteAsync("SELECT 1", TestContext.Current.CancellationToken));

        Assert.StartsWith($"Cannot reach Spark Connect at sc://127.0.0.1:{port}: ", error.Message);
        Assert.Contains("refused", error.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Cancellation_stops_the_statement()
    {
        await using var client = Client(server.Remote);
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.QueryAsync("SELECT 1", cancelled.Token));
    }

    private static SparkConnectClient Client(string remote) => new(SparkRemote.Parse(remote), TimeSpan.FromSeconds(30));

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

/// <summary>A server whose streams all end before sending anything.</summary>
public sealed class SilentSparkServer : SparkConnectTestServer
{
    public SilentSparkServer()
    {
        CutStreamsAfter = 0;
    }
}

/// <summary>A server that makes no progress is given up on, naming the statement, instead of reattached forever.</summary>
public sealed class SparkConnectStallTests(SilentSparkServer server) : IClassFixture<SilentSparkServer>
{
    [Fact]
    public async Task Streams_that_keep_ending_empty_fail_after_three_reattaches()
    {
        await using var client = new SparkConnectClient(server.ParsedRemote, TimeSpan.FromSeconds(30));

        var error = await Assert.ThrowsAsync<SparkException>(() => client.QueryAsync("SELECT 1", TestContext.Current.CancellationToken));

        Assert.Contains("ended 3 streams in a row without results or result_complete: SELECT 1", error.Message);
        Assert.Equal(2, server.Requests.OfType<Kpi.Pipeline.Engine.Spark.Connect.ReattachExecuteRequest>().Count());
    }
}
