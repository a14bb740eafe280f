using Kpi.Dashboard.Data;
using Kpi.Shared.Kpis;

namespace Kpi.Dashboard.Tests.Data;

/// <summary>The order charts' points: a day each up to three months, then weeks from Monday, then months; sums add up.</summary>
public sealed class OrderSeriesTests
{
    private static readonly DateOnly Monday = new(2025, 3, 3);

    [Fact]
    public void Up_to_three_months_every_day_is_a_point()
    {
        var series = OrderSeries.From(Days(Monday, OrderSeries.MaxDaysByDay));

        Assert.Equal(SeriesUnit.Day, series.Unit);
        Assert.Equal(OrderSeries.MaxDaysByDay, series.Points.Count);
        Assert.Equal(new SeriesPoint(Monday, 100, 10, 0.5, 3), series.Points[0]);
    }

    [Fact]
    public void Longer_ranges_are_drawn_by_week_from_monday_with_sums_and_the_average_return_rate()
    {
        var days = Days(Monday.AddDays(-1), OrderSeries.MaxDaysByDay + 1);
        days[0] = days[0] with { ReturnRate = 0.1 };

        var series = OrderSeries.From(days);

        Assert.Equal(SeriesUnit.Week, series.Unit);
        Assert.Equal((Monday.AddDays(-7), 100.0, 10.0, 0.1, 3.0), Tuple(series.Points[0]));
        Assert.Equal((Monday, 700.0, 70.0, 0.5, 21.0), Tuple(series.Points[1]));
        Assert.Equal((double)days.Sum(k => k.TotalRevenue), series.Points.Sum(p => p.TotalRevenue));
        Assert.All(series.Points, p => Assert.Equal(DayOfWeek.Monday, p.Start.DayOfWeek));
    }

    [Fact]
    public void Beyond_two_years_they_are_drawn_by_month()
    {
        var days = Days(new DateOnly(2023, 1, 15), OrderSeries.MaxDaysByWeek + 1);

        var series = OrderSeries.From(days);

        Assert.Equal(SeriesUnit.Month, series.Unit);
        Assert.Equal(new DateOnly(2023, 1, 1), series.Points[0].Start);
        Assert.Equal(17 * 100.0, series.Points[0].TotalRevenue);
        Assert.Equal(25, series.Points.Count);
        Assert.Equal(days.Sum(k => k.UniqueCustomers), series.Points.Sum(p => p.UniqueCustomers));
    }

    [Fact]
    public void Sums_past_the_limits_of_decimal_and_long_are_large_figures_not_an_overflow()
    {
        // Items written by hand: a revenue near decimal's limit and counts near long's, on two days of one week.
        var days = Days(Monday, OrderSeries.MaxDaysByDay + 1);
        days[0] = days[1] = days[0] with { TotalRevenue = 7.9e28m, TotalItemsSold = long.MaxValue, UniqueCustomers = long.MaxValue };
        days[1] = days[1] with { OrderDate = Monday.AddDays(1) };

        var point = OrderSeries.From(days).Points[0];

        Assert.Equal(1.58e29, point.TotalRevenue, 1e15);
        Assert.Equal(2.0 * long.MaxValue, point.TotalItemsSold);
        Assert.Equal(2.0 * long.MaxValue, point.UniqueCustomers);
    }

    [Fact]
    public void No_days_no_points()
    {
        Assert.Empty(OrderSeries.From([]).Points);
    }

    private static List<OrderKpi> Days(DateOnly first, int count) =>
        [.. Enumerable.Range(0, count).Select(i => new OrderKpi(first.AddDays(i), 5, 100m, 10, 0.5, 3))];

    private static (DateOnly, double, double, double, double) Tuple(SeriesPoint p) => (p.Start, p.TotalRevenue, p.TotalItemsSold, p.ReturnRate, p.UniqueCustomers);
}
