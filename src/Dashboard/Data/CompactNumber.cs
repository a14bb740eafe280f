using System.Globalization;

namespace Kpi.Dashboard.Data;

/// <summary>Numbers the way the reference report shows them: 95.94, 0.20, 9.92K, 27K, 326.89K, 15.18%.</summary>
public static class CompactNumber
{
    private static readonly (double Scale, string Suffix)[] Units = [(1e9, "B"), (1e6, "M"), (1e3, "K")];

    /// <summary>
    /// Card style: two decimals below a thousand (none for a count), else three significant digits with a unit.
    /// </summary>
    public static string Card(double value, bool count = false)
    {
        var (scaled, suffix) = Scale(value);
        if (suffix.Length == 0)
        {
            return value.ToString(count ? "0" : "0.00", CultureInfo.InvariantCulture);
        }

        var digits = Math.Abs(scaled) >= 100 ? 0 : Math.Abs(scaled) >= 10 ? 1 : 2;
        return Math.Round(scaled, digits, MidpointRounding.AwayFromZero).ToString("0.##", CultureInfo.InvariantCulture) + suffix;
    }

    /// <summary>Label style: up to two decimals, with a unit from a thousand up.</summary>
    public static string Label(double value)
    {
        var (scaled, suffix) = Scale(value);
        return Math.Round(scaled, 2, MidpointRounding.AwayFromZero).ToString("0.##", CultureInfo.InvariantCulture) + suffix;
    }

    public static string Percent(double share) =>
        Math.Round(share * 100, 2, MidpointRounding.AwayFromZero).ToString("0.##", CultureInfo.InvariantCulture) + "%";

    /// <summary>The exact value, for tooltips.</summary>
    public static string Exact(double value) => value.ToString("#,0.##########", CultureInfo.InvariantCulture);

    private static (double Scaled, string Suffix) Scale(double value)
    {
        foreach (var (scale, suffix) in Units)
        {
            if (Math.Abs(value) >= scale)
            {
                return (value / scale, suffix);
            }
        }

        return (value, "");
    }
}
