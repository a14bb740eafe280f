using System.Collections.Concurrent;
using System.Net;
using Amazon.S3;
using Grpc.Core;
using Kpi.Pipeline.Engine.Spark;
using Kpi.Pipeline.Engine.Spark.Connect;
using Kpi.TestSupport;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Kpi.Pipeline.Tests.Engine.Spark;

/// <summary>
/// An in-process Spark Connect server on 127.0.0.1 (plaintext HTTP/2, a free port) that runs the statements
/// on an embedded DuckDB, one database per Spark session. Start it once per test class (a class fixture).
/// </summary>
public class SparkConnectTestServer : IAsyncLifetime
{
    private readonly TempFolder _objects = new();
    private WebApplication? _app;

    /// <summary>When set, every call must carry <c>authorization: Bearer</c> this token.</summary>
    public string? Token { get; init; }

    /// <summary>When set, each response stream ends after this many responses, before result_complete: the client must reattach.</summary>
    public int? CutStreamsAfter { get; init; }

    /// <summary>Rows per Arrow batch: small, so that results come in several batches.</summary>
    public int RowsPerBatch { get; init; } = 2;

    /// <summary>
    /// When set, <c>s3a://bucket/key</c> paths are read from this S3 (as hadoop-aws reads them on a cluster),
    /// through local copies; otherwise they fail, as on a cluster without hadoop-aws.
    /// </summary>
    public Func<IAmazonS3>? S3 { get; set; }

    /// <summary>When set, the next ExecutePlan fails with this status (then the mode clears).</summary>
    public StatusCode? FailNextWith { get; set; }

    public string Address { get; private set; } = "";

    /// <summary>Every request received, in order (ExecutePlanRequest, ReattachExecuteRequest, ReleaseExecuteRequest).</summary>
    public ConcurrentQueue<Google.Protobuf.IMessage> Requests { get; } = new();

    internal ConcurrentDictionary<string, FakeSparkSession> Sessions { get; } = new();

    internal ConcurrentDictionary<string, FakeOperation> Operations { get; } = new();

    /// <summary>The connection string of this server, with the token when one is required.</summary>
    public string Remote => Token is null ? $"sc://{Address}" : $"sc://{Address}/;token={Token}";

    internal SparkRemote ParsedRemote => SparkRemote.Parse(Remote);

    public async ValueTask InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen => listen.Protocols = HttpProtocols.Http2));
        builder.Services.AddGrpc();
        builder.Services.AddSingleton(this);
        _app = builder.Build();
        _app.MapGrpcService<FakeSparkConnectService>();
        await _app.StartAsync();
        var address = new Uri(_app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        Address = $"127.0.0.1:{address.Port}";
    }

    /// <summary>A local copy of an S3 object, downloaded through <see cref="S3"/>.</summary>
    internal string ReadObject(Uri s3a)
    {
        using var client = S3?.Invoke() ?? throw new InvalidOperationException($"[PATH_NOT_FOUND] No FileSystem for scheme \"s3a\": {s3a}");
        var copy = Path.Combine(_objects.Path, $"{Guid.NewGuid():N}.csv");
        using var response = client.GetObjectAsync(s3a.Host, Uri.UnescapeDataString(s3a.AbsolutePath.TrimStart('/'))).GetAwaiter().GetResult();
        using (var file = File.Create(copy))
        {
            response.ResponseStream.CopyTo(file);
        }

        return copy;
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }

        foreach (var session in Sessions.Values)
        {
            session.Dispose();
        }

        _objects.Dispose();

        GC.SuppressFinalize(this);
    }
}

/// <summary>The server of the contract suites: every stream is cut once, so every statement goes through a reattach.</summary>
public sealed class ReattachingSparkServer : SparkConnectTestServer
{
    public ReattachingSparkServer()
    {
        CutStreamsAfter = 2;
    }
}

/// <summary>One execution's responses, kept until released so that a reattach can resume them.</summary>
internal sealed class FakeOperation(IReadOnlyList<ExecutePlanResponse> responses)
{
    public IReadOnlyList<ExecutePlanResponse> Responses { get; } = responses;

    public bool Released { get; set; }
}
