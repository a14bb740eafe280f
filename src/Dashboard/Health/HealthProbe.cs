using System.Text.RegularExpressions;

namespace Kpi.Dashboard.Health;

/// <summary>
/// <c>Kpi.Dashboard.dll --health</c>: asks the running dashboard's <c>/healthz</c> on loopback and exits 0 or 1,
/// without starting a web host. It is the image's HEALTHCHECK and the ECS task's healthCheck command, as the
/// runtime images carry neither a shell nor curl.
/// </summary>
internal static partial class HealthProbe
{
    public const string Argument = "--health";

    public static async Task<int> RunAsync()
    {
        var url = new Uri($"http://127.0.0.1:{Port()}/healthz");
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(3) };
        try
        {
            using var response = await http.GetAsync(url);
            Console.WriteLine($"{url}: {(int)response.StatusCode}");
            return response.IsSuccessStatusCode ? 0 : 1;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            Console.Error.WriteLine($"{url}: {ex.Message}");
            return 1;
        }
    }

    /// <summary>The port the dashboard listens on: ASPNETCORE_HTTP_PORTS, else the first of ASPNETCORE_URLS, else 8080.</summary>
    private static int Port()
    {
        var ports = Environment.GetEnvironmentVariable("ASPNETCORE_HTTP_PORTS");
        var urls = Environment.GetEnvironmentVariable("ASPNETCORE_URLS");
        var match = !string.IsNullOrWhiteSpace(ports) ? FirstNumber().Match(ports)
            : !string.IsNullOrWhiteSpace(urls) ? UrlPort().Match(urls)
            : Match.Empty;
        return match.Success ? int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) : 8080;
    }

    [GeneratedRegex(@"(\d+)")]
    private static partial Regex FirstNumber();

    [GeneratedRegex(@"^[a-z]+://[^/;]*:(\d+)")]
    private static partial Regex UrlPort();
}
