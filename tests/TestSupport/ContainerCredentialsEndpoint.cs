using System.Net;
using System.Text.Json;

namespace Kpi.TestSupport;

/// <summary>
/// The endpoint a container's role credentials come from, on loopback: what the AWS SDK's default chain reads
/// when AWS_CONTAINER_CREDENTIALS_FULL_URI is set (EKS Pod Identity; ECS sets the relative URI of its own
/// endpoint, read by the same provider). It answers only requests that carry the token.
/// </summary>
public sealed class ContainerCredentialsEndpoint : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly string _token;
    private int _served;
    private int _refused;

    public ContainerCredentialsEndpoint(string token)
    {
        _token = token;
        Uri = $"http://127.0.0.1:{LocalProcess.FreePort()}/v2/credentials/";
        _listener.Prefixes.Add(Uri);
        _listener.Start();
        _ = Task.Run(ServeAsync);
    }

    public string Uri { get; }

    public int Served => Volatile.Read(ref _served);

    public int Refused => Volatile.Read(ref _refused);

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
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            using var response = context.Response;
            if (context.Request.Headers["Authorization"] != _token)
            {
                Interlocked.Increment(ref _refused);
                response.StatusCode = 401;
                continue;
            }

            Interlocked.Increment(ref _served);
            var expiration = DateTime.UtcNow.AddHours(1).ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture);
            var body = JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, string>
            {
                ["AccessKeyId"] = "ASIATASKROLE", ["SecretAccessKey"] = "task-secret", ["Token"] = "task-session-token", ["Expiration"] = expiration,
            });
            response.ContentType = "application/json";
            await response.OutputStream.WriteAsync(body);
        }
    }
}
