using System.Globalization;

namespace Kpi.Dashboard.Data.Charts;

/// <summary>
/// A value axis from zero with ticks at nice steps (1, 2, 2.5 or 5 × 10ⁿ), labelled in the cards' compact
/// format with one unit and one number of decimals for all ticks: 0K 2K 4K, 0.0M 0.2M 0.4M, 0.0 0.5 1.0.
/// Values are KPIs, never negative.
/// </summary>
public sealed record NiceAxis(IReadOnlyList<double> Values, IReadOnlyList<string> Labels)
{
    private static readonly double[] Multiples = [1, 2, 2.5, 5, 10];
    // (unit, suffix, the top tick from which it is used): as the reference report, 0K 50K 100K but 0.0M 0.2M 0.4M.
    private static readonly (double Scale, string Suffix, double From)[] Units = [(1e9, "B", 2.5e8), (1e6, "M", 2.5e5), (1e3, "K", 1e3)];

    /// <summary>The last tick, where the axis ends.</summary>
    public double Top => Values[^1];

    /// <summary>About two steps up to the largest value, as the reference report draws its axes.</summary>
    public static NiceAxis For(double max)
    {
        if (!(max > 0) || double.IsInfinity(max))
        {
            max = 1;
        }

        var raw = max / 2;
        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(raw)));
        var step = Multiples.Select(m => m * magnitude).First(s => s >= raw * (1 - 1e-9));
        var count = Math.Max(1, (int)Math.Ceiling((max / step) - 1e-9));
        double[] values = [.. Enumerable.Range(0, count + 1).Select(i => i * step)];

        var (scale, suffix, _) = Units.FirstOrDefault(u => values[^1] >= u.From, (1, "", 0));
        var format = "F" + Decimals(step / scale).ToString(CultureInfo.InvariantCulture);
        return new NiceAxis(values, [.. values.Select(v => (v / scale).ToString(format, CultureInfo.InvariantCulture) + suffix)]);
    }

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
