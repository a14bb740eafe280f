using Kpi.Shared.Kpis;

namespace Kpi.Dashboard.Data;

/// <summary>How many days one point of the order charts covers.</summary>
public enum SeriesUnit
{
    Day,
    Week,
    Month,
}

/// <summary>
/// Order KPIs of the days from <see cref="Start"/> that fall in one point: revenue, items and customers summed
/// (<see cref="KpiSum"/>), return_rate averaged over the days (a ratio, so a sum would mean nothing over a week).
/// </summary>
public sealed record SeriesPoint(DateOnly Start, double TotalRevenue, double TotalItemsSold, double ReturnRate, double UniqueCustomers);

/// <summary>
/// The order charts' points over the filtered days: one a day for up to three months, one a week (from Monday) for
/// up to two years, one a month beyond, so a chart has at most a few hundred points whatever the range.
/// </summary>
public sealed record OrderSeries(SeriesUnit Unit, IReadOnlyList<SeriesPoint> Points)
{
    public const int MaxDaysByDay = 92;
    public const int MaxDaysByWeek = 731;

    /// <param name="days">Order rows by day, ascending.</param>
    public static OrderSeries From(IReadOnlyCollection<OrderKpi> days)
    {
        if (days.Count == 0)
        {
            return new OrderSeries(SeriesUnit.Day, []);
        }

        var span = days.Last().OrderDate.DayNumber - days.First().OrderDate.DayNumber + 1;
        var unit = span <= MaxDaysByDay ? SeriesUnit.Day : span <= MaxDaysByWeek ? SeriesUnit.Week : SeriesUnit.Month;
        return new OrderSeries(unit, [.. days.GroupBy(k => StartOf(k.OrderDate, unit)).Select(point => new SeriesPoint(
            point.Key,
            KpiSum.Of(point, k => k.TotalRevenue),
            KpiSum.Of(point, k => k.TotalItemsSold),
            point.Average(k => k.ReturnRate),
            KpiSum.Of(point, k => k.UniqueCustomers)))]);
    }

    /// <summary>The first day of the point a day falls in.</summary>
    public static DateOnly StartOf(DateOnly day, SeriesUnit unit) => unit switch
    {
        SeriesUnit.Week => day.AddDays(-(((int)day.DayOfWeek + 6) % 7)), // 0001-01-01 is a Monday: never before it
        SeriesUnit.Month => new DateOnly(day.Year, day.Month, 1),
        _ => day,
    };

    /// <summary>"day", "week" or "month", as chart titles say it.</summary>
    public string UnitName => Unit.ToString().ToLowerInvariant();
}
