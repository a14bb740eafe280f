using System.Globalization;

namespace Kpi.Dashboard.Data.Charts;

/// <summary>
/// A value axis through zero with ticks at nice steps (1, 2, 2.5 or 5 × 10ⁿ), labelled in the cards' compact
/// format with one unit and one number of decimals for all ticks: 0K 2K 4K, 0.0M 0.2M 0.4M, 0.0 0.5 1.0.
/// Values are usually KPIs ≥ 0 and the axis starts at zero; refunds can make a revenue negative, and then the
/// axis reaches below zero by the same steps (-2K 0K 2K 4K), so zero is always a tick.
/// </summary>
public sealed record NiceAxis(IReadOnlyList<double> Values, IReadOnlyList<string> Labels)
{
    private static readonly double[] Multiples = [1, 2, 2.5, 5, 10];
    // (unit, suffix, the largest tick from which it is used): as the reference report, 0K 50K 100K but 0.0M 0.2M 0.4M.
    private static readonly (double Scale, string Suffix, double From)[] Units =
        [(1e12, "T", 2.5e11), (1e9, "B", 2.5e8), (1e6, "M", 2.5e5), (1e3, "K", 1e3)];

    /// <summary>The first tick, where the axis starts: zero, or below it for negative values.</summary>
    public double Bottom => Values[0];

    /// <summary>The last tick, where the axis ends.</summary>
    public double Top => Values[^1];

    /// <summary>
    /// The unit plotly.js is given this axis's values in: 1, or for an axis past 1e27 a power of ten that brings it to
    /// thousands. Plotly.Blazor hands numbers to plotly.js through <see cref="decimal"/> and throws past its range
    /// (7.9e28, which only items written by hand reach), which ended the page's circuit. Labels and tooltips keep the
    /// real figures.
    /// </summary>
    public double PlotUnit { get; } = Math.Max(-Values[0], Values[^1]) is var largest && largest >= 1e27 ? Math.Pow(10, Math.Floor(Math.Log10(largest)) - 3) : 1;

    /// <summary>A value, a tick or an end of this axis as plotly.js is given it (in <see cref="PlotUnit"/>).</summary>
    public double Plot(double value) => value / PlotUnit;

    /// <summary>From zero to about two steps up to the largest value, as the reference report draws its axes.</summary>
    public static NiceAxis For(double max) => For(0, max);

    /// <summary>
    /// Through zero from the smallest to the largest value: about two steps over the span, as the reference report
    /// draws its axes, each end on a step (for values ≥ 0 the same axis as <see cref="For(double)"/>).
    /// </summary>
    public static NiceAxis For(double min, double max)
    {
        (min, max) = (Finite(Math.Min(min, 0)), Finite(Math.Max(max, 0)));
        var span = max - min;
        if (!(span > 0) || double.IsInfinity(span))
        {
            (min, max, span) = (0, 1, 1);
        }

        var raw = span / 2;
        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(raw)));
        var step = Multiples.Select(m => m * magnitude).First(s => s >= raw * (1 - 1e-9));
        var below = (int)Math.Ceiling((-min / step) - 1e-9);
        var above = Math.Max(below == 0 ? 1 : 0, (int)Math.Ceiling((max / step) - 1e-9));
        double[] values = [.. Enumerable.Range(-below, below + above + 1).Select(i => i * step)];

        var largest = Math.Max(Math.Abs(values[0]), values[^1]);
        if (largest >= CompactNumber.ScientificFrom)
        {
            // Past a thousand trillion (items written by hand) a unit would make labels dozens of digits long.
            return new NiceAxis(values, [.. values.Select(CompactNumber.Scientific)]);
        }

        var (scale, suffix, _) = Units.FirstOrDefault(u => largest >= u.From, (1, "", 0));
        var format = "F" + Decimals(step / scale).ToString(CultureInfo.InvariantCulture);
        return new NiceAxis(values, [.. values.Select(v => (v / scale).ToString(format, CultureInfo.InvariantCulture) + suffix)]);
    }

    private static double Finite(double value) => double.IsFinite(value) ? value : 0;

    private static int Decimals(double step)
    {
        var decimals = 0;
        while (decimals < 6 && Math.Abs((step * Math.Pow(10, decimals)) - Math.Round(step * Math.Pow(10, decimals))) > 1e-6)
        {
            decimals++;
        }

        return decimals;
    }
}
