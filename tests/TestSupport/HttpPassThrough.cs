using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Kpi.TestSupport;

/// <summary>
/// A real HTTP proxy (Kestrel on a free loopback port) in front of a local server: every request is sent on to
/// <c>target</c> with its own Host header (so SigV4 signatures still hold) and its answer returned, unless
/// <see cref="Handle"/> answers otherwise. Counts the requests in flight; can hold the first ones until several
/// are in flight at once, so a test can see whether a client really runs calls in parallel.
/// </summary>
public sealed class HttpPassThrough : IAsyncDisposable
{
    private static readonly HashSet<string> HopHeaders = new(StringComparer.OrdinalIgnoreCase)
    {
        "Host", "Connection", "Keep-Alive", "Transfer-Encoding", "Content-Length", "Expect", "Upgrade",
    };

    private readonly WebApplication _app;
    private readonly HttpClient _http = new(new SocketsHttpHandler { AutomaticDecompression = DecompressionMethods.None, UseProxy = false });
    private readonly Uri _target;
    private readonly TaskCompletionSource _barrier = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _inFlight;
    private int _peakInFlight;

    private HttpPassThrough(Uri target)
    {
        _target = target;
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        _app = builder.Build();
        _app.Run(ServeAsync);
    }

    public Uri Address { get; private set; } = null!;

    /// <summary>Answers a request; the default sends it on unchanged.</summary>
    public Func<PassThroughRequest, Task<PassThroughResponse>> Handle { get; set; } = request => request.ForwardAsync();

    /// <summary>The first requests that <see cref="HoldWhen"/> picks wait (at most 10 s) until this many are in flight at once; 0 holds none.</summary>
    public int HoldUntilInFlight { get; init; }

    /// <summary>Which requests <see cref="HoldUntilInFlight"/> holds (by method and target): all unless told.</summary>
    public Func<string, string, bool> HoldWhen { get; init; } = (_, _) => true;

    /// <summary>The most requests that were in flight at once.</summary>
    public int PeakInFlight => Volatile.Read(ref _peakInFlight);

    public static async Task<HttpPassThrough> StartAsync(Uri target, int holdUntilInFlight = 0, Func<string, string, bool>? holdWhen = null)
    {
        var proxy = new HttpPassThrough(target) { HoldUntilInFlight = holdUntilInFlight, HoldWhen = holdWhen ?? ((_, _) => true) };
        await proxy._app.StartAsync();
        proxy.Address = new Uri(proxy._app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single());
        return proxy;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _http.Dispose();
    }

    private async Task ServeAsync(HttpContext context)
    {
        PassThroughResponse response;
        var inFlight = Interlocked.Increment(ref _inFlight);
        try
        {
            UpdatePeak(inFlight);
            var target = context.Features.GetRequiredFeature<IHttpRequestFeature>().RawTarget;
            if (HoldWhen(context.Request.Method, target))
            {
                await HoldAsync(inFlight);
            }

            using var body = new MemoryStream();
            await context.Request.Body.CopyToAsync(body);
            var request = new PassThroughRequest(
                context.Request.Method,
                target,
                context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase),
                body.ToArray(),
                ForwardAsync);
            response = await Handle(request);
        }
        finally
        {
            // Before the answer leaves: a client that sends its next request once answered is never counted twice.
            Interlocked.Decrement(ref _inFlight);
        }

        context.Response.StatusCode = response.Status;
        foreach (var (name, value) in response.Headers.Where(h => !HopHeaders.Contains(h.Key)))
        {
            context.Response.Headers[name] = value;
        }

        await context.Response.Body.WriteAsync(response.Body);
    }

    private async Task HoldAsync(int inFlight)
    {
        if (HoldUntilInFlight <= 0 || _barrier.Task.IsCompleted)
        {
            return;
        }

        if (inFlight >= HoldUntilInFlight)
        {
            _barrier.TrySetResult();
        }

        try
        {
            await _barrier.Task.WaitAsync(TimeSpan.FromSeconds(10));
        }
        catch (TimeoutException)
        {
            // The client never had that many in flight: stop holding; the test sees it in PeakInFlight.
            _barrier.TrySetResult();
        }
    }

    private async Task<PassThroughResponse> ForwardAsync(PassThroughRequest request, byte[] body)
    {
        using var message = new HttpRequestMessage(new HttpMethod(request.Method), new Uri(_target.GetLeftPart(UriPartial.Authority) + request.PathAndQuery)) { Content = new ByteArrayContent(body) };
        foreach (var (name, value) in request.Headers.Where(h => !HopHeaders.Contains(h.Key)))
        {
            if (!message.Headers.TryAddWithoutValidation(name, value))
            {
                message.Content.Headers.TryAddWithoutValidation(name, value);
            }
        }

        message.Headers.Host = request.Headers["Host"];
        using var answer = await _http.SendAsync(message);
        var headers = answer.Headers.Concat(answer.Content.Headers).ToDictionary(h => h.Key, h => string.Join(",", h.Value), StringComparer.OrdinalIgnoreCase);
        return new PassThroughResponse((int)answer.StatusCode, headers, await answer.Content.ReadAsByteArrayAsync());
    }

    private void UpdatePeak(int inFlight)
    {
        int peak;
        while (inFlight > (peak = Volatile.Read(ref _peakInFlight)) && Interlocked.CompareExchange(ref _peakInFlight, inFlight, peak) != peak)
        {
        }
    }
}

/// <summary>A request as the proxy received it; <see cref="ForwardAsync(byte[])"/> sends it (or another body) on to the server.</summary>
public sealed class PassThroughRequest(
    string method, string pathAndQuery, IReadOnlyDictionary<string, string> headers, byte[] body, Func<PassThroughRequest, byte[], Task<PassThroughResponse>> forward)
{
    public string Method { get; } = method;

    public string PathAndQuery { get; } = pathAndQuery;

    public IReadOnlyDictionary<string, string> Headers { get; } = headers;

    public byte[] Body { get; } = body;

    public Task<PassThroughResponse> ForwardAsync() => forward(this, Body);

    public Task<PassThroughResponse> ForwardAsync(byte[] body) => forward(this, body);
}

/// <summary>An answer: the server's, or one the proxy made.</summary>
public sealed record PassThroughResponse(int Status, IReadOnlyDictionary<string, string> Headers, byte[] Body);
