namespace Kpi.Dashboard.Data.Charts;

/// <summary>
/// plotly.js reads a subset of HTML in every label, legend and tooltip (&lt;b&gt;, &lt;br&gt;, &lt;a href&gt;, entities).
/// Escaping &amp;, &lt; and &gt; as entities makes it draw a name's characters literally, as text nodes.
/// </summary>
public static class PlotlyText
{
    public static string Escape(string text) => text.Replace("&", "&amp;", StringComparison.Ordinal)
        .Replace("<", "&lt;", StringComparison.Ordinal)
        .Replace(">", "&gt;", StringComparison.Ordinal);
}
