using System.Globalization;

namespace Kpi.Dashboard.Data.Charts;

/// <summary>
/// plotly.js reads a subset of HTML in every label, legend and tooltip (&lt;b&gt;, &lt;br&gt;, &lt;a href&gt;, entities).
/// Escaping &amp;, &lt; and &gt; as entities makes it draw a name's characters literally, as text nodes.
/// </summary>
public static class PlotlyText
{
    /// <summary>The most characters of a category name drawn on an axis or in a legend; a longer one ends in "…" there.</summary>
    public const int MaxLabelLength = 30;

    /// <summary>
    /// The most characters on a horizontal chart's category axis: its labels stand beside a narrow panel's bars,
    /// and at <see cref="MaxLabelLength"/> they took the bars' room and were clipped at the panel's edge.
    /// </summary>
    public const int MaxSideLabelLength = 16;

    public static string Escape(string text) => text.Replace("&", "&amp;", StringComparison.Ordinal)
        .Replace("<", "&lt;", StringComparison.Ordinal)
        .Replace(">", "&gt;", StringComparison.Ordinal);

    /// <summary>
    /// A category name for an axis or a legend, escaped: cut to <paramref name="maxLength"/> characters (whole
    /// characters, never half an emoji) ending in "…", so a long name cannot take the chart's room; tooltips show it whole.
    /// </summary>
    public static string Label(string name, int maxLength = MaxLabelLength)
    {
        var text = new StringInfo(name);
        return Escape(text.LengthInTextElements <= maxLength ? name : text.SubstringByTextElements(0, maxLength - 1).TrimEnd() + "…");
    }

    /// <summary>
    /// The labels of a donut's slices: plotly.js adds up slices that have the same label, so two names cut to the
    /// same text are told apart by zero-width spaces after it (they read the same; each slice's tooltip names it).
    /// </summary>
    public static IEnumerable<object> UniqueLabels(IEnumerable<string> names)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var name in names)
        {
            var label = Label(name);
            while (!seen.Add(label))
            {
                label += "\u200B";
            }

            yield return label;
        }
    }
}
