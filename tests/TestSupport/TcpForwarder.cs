using System.Net;
using System.Net.Sockets;

namespace Kpi.TestSupport;

/// <summary>
/// A loopback port that forwards to a real server while open and refuses connections while closed:
/// a service that goes away and comes back.
/// </summary>
public sealed class TcpForwarder(Uri target) : IDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly List<TcpClient> _connections = [];
    private TcpListener? _listener;

    public int Port { get; } = LocalProcess.FreePort();

    public Uri Address => new($"http://127.0.0.1:{Port}");

    /// <summary>A delay before each chunk is passed on, either way: a slow network, so that a test can act mid-transfer.</summary>
    public TimeSpan Latency { get; set; }

    public void Open()
    {
        _listener = new TcpListener(IPAddress.Loopback, Port);
        _listener.Start();
        _ = AcceptAsync(_listener);
    }

    /// <summary>Stops accepting and cuts every open connection (pooled keep-alive ones included).</summary>
    public void Close()
    {
        _listener?.Stop();
        _listener = null;
        lock (_connections)
        {
            _connections.ForEach(connection => connection.Dispose());
            _connections.Clear();
        }
    }

    public void Dispose()
    {
        Close();
        _stop.Cancel();
        _stop.Dispose();
    }

    private async Task AcceptAsync(TcpListener listener)
    {
        try
        {
            while (true)
            {
                var client = await listener.AcceptTcpClientAsync(_stop.Token);
                lock (_connections)
                {
                    _connections.Add(client);
                }

                _ = ForwardAsync(client);
            }
        }
        catch (Exception ex) when (ex is ObjectDisposedException or SocketException or OperationCanceledException)
        {
        }
    }

    private async Task ForwardAsync(TcpClient client)
    {
        using (client)
        using (var server = new TcpClient())
        {
            try
            {
                await server.ConnectAsync(target.Host, target.Port, _stop.Token);
                var up = PumpAsync(client.GetStream(), server.GetStream());
                var down = PumpAsync(server.GetStream(), client.GetStream());
                await Task.WhenAny(up, down);
            }
            catch (Exception ex) when (ex is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
            {
            }
        }
    }

    private async Task PumpAsync(Stream from, Stream to)
    {
        var buffer = new byte[64 * 1024];
        int read;
        while ((read = await from.ReadAsync(buffer, _stop.Token)) > 0)
        {
            if (Latency > TimeSpan.Zero)
            {
                await Task.Delay(Latency, _stop.Token);
            }

            await to.WriteAsync(buffer.AsMemory(0, read), _stop.Token);
        }
    }
}
