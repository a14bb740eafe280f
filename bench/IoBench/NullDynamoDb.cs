using System.Net;
using System.Text;

namespace Kpi.IoBench;

/// <summary>
/// An HTTP endpoint that answers every BatchWriteItem at once with nothing unprocessed: what the client
/// costs (items to JSON, signing, HTTP) without any server work. Measurement only, never a test double.
/// </summary>
internal sealed class NullDynamoDb : IDisposable
{
    private static readonly byte[] Answer = Encoding.UTF8.GetBytes("{\"UnprocessedItems\":{}}");
    private readonly HttpListener _listener = new();

    public NullDynamoDb(int port)
    {
        Endpoint = new Uri($"http://127.0.0.1:{port}/");
        _listener.Prefixes.Add(Endpoint.ToString());
        _listener.Start();
        _ = ServeAsync();
    }

    public Uri Endpoint { get; }

    public void Dispose() => _listener.Close();

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException)
            {
                return;
            }

            _ = Task.Run(async () =>
            {
                await context.Request.InputStream.CopyToAsync(Stream.Null);
                context.Response.ContentType = "application/x-amz-json-1.0";
                context.Response.ContentLength64 = Answer.Length;
                await context.Response.OutputStream.WriteAsync(Answer);
                context.Response.Close();
            });
        }
    }
}
