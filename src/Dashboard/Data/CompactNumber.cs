using System.Globalization;

namespace Kpi.Dashboard.Data;

/// <summary>Numbers the way the reference report shows them: 95.94, 0.20, 9.92K, 27K, 326.89K, 15.18%.</summary>
public static class CompactNumber
{
    private static readonly (double Scale, string Suffix)[] Units = [(1e12, "T"), (1e9, "B"), (1e6, "M"), (1e3, "K")];

    /// <summary>A thousand of the largest unit: from here on a figure is <see cref="Scientific"/>.</summary>
    public const double ScientificFrom = 1e15;

    /// <summary>
    /// Card style: two decimals below a thousand (none for a count), else three significant digits with a unit.
    /// </summary>
    public static string Card(double value, bool count = false)
    {
        var (shown, suffix) = Round(value, (scaled, unit) => unit.Length == 0 ? (count ? 0 : 2) : Math.Abs(scaled) >= 100 ? 0 : Math.Abs(scaled) >= 10 ? 1 : 2);
        return OutOfUnits(shown, suffix) ? Scientific(value)
            : suffix.Length == 0 ? shown.ToString(count ? "0" : "0.00", CultureInfo.InvariantCulture) : shown.ToString("0.##", CultureInfo.InvariantCulture) + suffix;
    }

    /// <summary>Label style: up to two decimals, with a unit from a thousand up.</summary>
    public static string Label(double value)
    {
        var (shown, suffix) = Round(value, (_, _) => 2);
        return OutOfUnits(shown, suffix) ? Scientific(value) : shown.ToString("0.##", CultureInfo.InvariantCulture) + suffix;
    }

    /// <summary>
    /// Three significant digits and a power of ten (7.9e28), for figures past the largest unit: only items written
    /// by hand hold them, and "79000000000000000T" would not fit a card.
    /// </summary>
    public static string Scientific(double value) =>
        value == 0 ? "0" : value.ToString(double.IsFinite(value) ? "0.##e0" : null, CultureInfo.InvariantCulture);

    public static string Percent(double share) =>
        Math.Round(share * 100, 2, MidpointRounding.AwayFromZero).ToString("0.##", CultureInfo.InvariantCulture) + "%";

    /// <summary>The exact value, for tooltips.</summary>
    public static string Exact(double value) => value.ToString("#,0.##########", CultureInfo.InvariantCulture);

    /// <summary>
    /// The value in its unit, rounded to <paramref name="digits"/> decimals of the scaled value; one that rounds up
    /// to a thousand of its unit takes the next unit (999,999 is 1M, not 1000K; 999.996 is 1K, not 1000.00).
    /// </summary>
    private static (double Shown, string Suffix) Round(double value, Func<double, string, int> digits)
    {
        var (scale, suffix) = UnitOf(value);
        var shown = Math.Round(value / scale, digits(value / scale, suffix), MidpointRounding.AwayFromZero);
        if (Math.Abs(shown) >= 1000 && UnitOf(shown * scale).Scale > scale)
        {
            return Round(shown * scale, digits);
        }

        return (shown == 0 ? 0 : shown, suffix); // never "-0.00"
    }

    /// <summary>A thousand trillion and more (or not a finite number): no unit keeps it short.</summary>
    private static bool OutOfUnits(double shown, string suffix) => !double.IsFinite(shown) || (suffix == Units[0].Suffix && Math.Abs(shown) * Units[0].Scale >= ScientificFrom);

    private static (double Scale, string Suffix) UnitOf(double value)
    {
        foreach (var (scale, suffix) in Units)
        {
            if (Math.Abs(value) >= scale)
            {
                return (scale, suffix);
            }
        }

        return (1, "");
    }
}
