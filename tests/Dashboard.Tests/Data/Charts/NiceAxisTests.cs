using Kpi.Dashboard.Data.Charts;

namespace Kpi.Dashboard.Tests.Data.Charts;

public sealed class NiceAxisTests
{
    [Theory]
    [InlineData(3_066.0, new[] { "0K", "2K", "4K" })] // sum of avg_order_value of the largest category
    [InlineData(326_892.37, new[] { "0.0M", "0.2M", "0.4M" })] // sum of daily_revenue of Beauty
    [InlineData(82_000.0, new[] { "0K", "50K", "100K" })] // total_revenue of a day
    [InlineData(1_240.0, new[] { "0K", "1K", "2K" })] // total_items_sold of a day
    [InlineData(0.65, new[] { "0.0", "0.5", "1.0" })] // return_rate, a ratio
    [InlineData(330.0, new[] { "0", "200", "400" })] // unique_customers of a day
    [InlineData(4_500.0, new[] { "0.0K", "2.5K", "5.0K" })]
    [InlineData(2_000_000.0, new[] { "0M", "1M", "2M" })]
    public void Ticks_are_labelled_as_the_reference_report_labels_them(double max, string[] labels)
    {
        Assert.Equal(labels, NiceAxis.For(max).Labels);
    }

    [Theory]
    [InlineData(0.0013)]
    [InlineData(0.65)]
    [InlineData(7.0)]
    [InlineData(99.9)]
    [InlineData(101.0)]
    [InlineData(3_066.0)]
    [InlineData(326_892.37)]
    [InlineData(9_999_999.0)]
    public void Ticks_start_at_zero_step_by_one_two_two_and_a_half_or_five_times_a_power_of_ten_and_cover_the_maximum(double max)
    {
        var axis = NiceAxis.For(max);

        Assert.Equal(0, axis.Values[0]);
        Assert.True(axis.Top >= max, $"top {axis.Top} below {max}");
        Assert.InRange(axis.Values.Count, 3, 6);
        var step = axis.Values[1];
        var mantissa = step / Math.Pow(10, Math.Floor(Math.Log10(step)));
        Assert.Contains([1, 2, 2.5, 5], m => Math.Abs(m - mantissa) < 1e-9);
        Assert.All(axis.Values.Select((v, i) => (v, i)), p => Assert.Equal(p.i * step, p.v, 9));
    }

    [Theory]
    [InlineData(-1_200.0, 3_066.0, new[] { "-2.5K", "0.0K", "2.5K", "5.0K" })] // a category with more refunds than sales
    [InlineData(-326_892.37, 0.0, new[] { "-0.4M", "-0.2M", "0.0M" })] // every value negative: the axis ends at zero
    [InlineData(-50.0, 120.0, new[] { "-100", "0", "100", "200" })]
    [InlineData(-0.0, 0.65, new[] { "0.0", "0.5", "1.0" })] // not "-0.0"
    public void Negative_values_get_ticks_below_zero_by_the_same_steps(double min, double max, string[] labels)
    {
        Assert.Equal(labels, NiceAxis.For(min, max).Labels);
    }

    [Theory]
    [InlineData(-1_200.0, 3_066.0)]
    [InlineData(-4_000.0, 6_000.0)]
    [InlineData(-0.3, 0.0)]
    [InlineData(-9_999_999.0, 1.0)]
    [InlineData(-1.0, 9_999_999.0)]
    public void An_axis_over_negative_values_passes_through_zero_on_a_nice_step_and_covers_both_ends(double min, double max)
    {
        var axis = NiceAxis.For(min, max);

        Assert.True(axis.Bottom <= min, $"bottom {axis.Bottom} above {min}");
        Assert.True(axis.Top >= max, $"top {axis.Top} below {max}");
        Assert.Contains(0.0, axis.Values);
        Assert.InRange(axis.Values.Count, 3, 6);
        var step = axis.Values[1] - axis.Values[0];
        var mantissa = step / Math.Pow(10, Math.Floor(Math.Log10(step)));
        Assert.Contains([1, 2, 2.5, 5], m => Math.Abs(m - mantissa) < 1e-9);
        Assert.All(axis.Values.Skip(1).Zip(axis.Values), p => Assert.Equal(step, p.First - p.Second, 9));
    }

    [Fact]
    public void Values_past_a_thousand_trillion_are_labelled_with_a_power_of_ten()
    {
        Assert.Equal(["0", "5e28", "1e29"], NiceAxis.For(7.9e28).Labels);
        Assert.Equal(["-1e29", "-5e28", "0"], NiceAxis.For(-7.9e28, 0).Labels);
        Assert.Equal(["0T", "1T", "2T"], NiceAxis.For(2e12).Labels);
    }

    [Fact]
    public void No_data_still_gives_an_axis()
    {
        Assert.Equal(["0.0", "0.5", "1.0"], NiceAxis.For(0).Labels);
    }
}
