using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Kpi.Dashboard.Components.Layout;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using MudBlazor;

namespace Kpi.Dashboard.Security;

/// <summary>
/// MudBlazor's theme provider writes <c>&lt;style&gt;</c> elements (the theme's CSS variables, the scrollbar, chart
/// hover) into the page. Rather than allowing every inline style element, the policy allows exactly these: the
/// provider is rendered once, as MainLayout renders it, and the SHA-256 of each of its style elements becomes a
/// <c>'sha256-…'</c> source. A theme change or a MudBlazor upgrade is picked up without editing hashes.
/// </summary>
internal static partial class InlineStyleHashes
{
    public static async Task<IReadOnlyList<string>> ComputeAsync(IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        await using var renderer = new HtmlRenderer(scope.ServiceProvider, scope.ServiceProvider.GetRequiredService<ILoggerFactory>());
        var html = await renderer.Dispatcher.InvokeAsync(async () =>
        {
            // As MainLayout renders it.
            var output = await renderer.RenderComponentAsync<MudThemeProvider>(ParameterView.FromDictionary(new Dictionary<string, object?>
            {
                [nameof(MudThemeProvider.Theme)] = KpiTheme.Theme,
            }));
            return output.ToHtmlString();
        });

        return [.. StyleElement().Matches(html)
            .Select(match => $"'sha256-{Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(match.Groups[1].Value)))}'")
            .Distinct()];
    }

    [GeneratedRegex("<style[^>]*>(.*?)</style>", RegexOptions.Singleline)]
    private static partial Regex StyleElement();
}
