using Kpi.Dashboard.Data;

namespace Kpi.Dashboard.Tests.Data;

public sealed class CompactNumberTests
{
    [Theory]
    [InlineData(95.938881, "95.94")]
    [InlineData(0.199256, "0.20")]
    [InlineData(9923.9537, "9.92K")]
    [InlineData(27007, "27K")]
    [InlineData(326890.5, "327K")]
    [InlineData(1_234_567, "1.23M")]
    [InlineData(0, "0.00")]
    [InlineData(999_999, "1M")]
    [InlineData(999.996, "1K")]
    [InlineData(-999_999, "-1M")]
    [InlineData(-0.001, "0.00")]
    [InlineData(999_499, "999K")]
    [InlineData(5e12, "5T")]
    [InlineData(999_999_999_999, "1T")]
    [InlineData(999e12, "999T")]
    [InlineData(999.6e12, "1e15")] // rounds to a thousand trillion: no unit is left, so not "1000T"
    public void Cards_read_like_the_reference_report(double value, string expected) =>
        Assert.Equal(expected, CompactNumber.Card(value));

    [Theory]
    [InlineData(7.9e28, "7.9e28")] // a revenue written by hand, near decimal's limit: it was "79000000000000000T"
    [InlineData(-7.9e28, "-7.9e28")]
    [InlineData(999.999e12, "1e15")] // rounds to a thousand trillion: no unit is left, so not "1000T"
    [InlineData(1.2345e20, "1.23e20")]
    [InlineData(9.9999e125, "1e126")] // about the largest number DynamoDB stores
    public void Figures_past_the_largest_unit_keep_three_significant_digits_and_a_power_of_ten(double value, string expected)
    {
        Assert.Equal(expected, CompactNumber.Card(value));
        Assert.Equal(expected, CompactNumber.Label(value));
    }

    [Fact]
    public void A_count_past_the_largest_unit_is_as_short() => Assert.Equal("1.84e19", CompactNumber.Card(2.0 * long.MaxValue, count: true));

    [Theory]
    [InlineData(14, "14")]
    [InlineData(27007, "27K")]
    [InlineData(999_600, "1M")]
    public void Count_cards_have_no_decimals_below_a_thousand(double value, string expected) =>
        Assert.Equal(expected, CompactNumber.Card(value, count: true));

    [Theory]
    [InlineData(326890.12, "326.89K")]
    [InlineData(312700.4, "312.7K")]
    [InlineData(2976, "2.98K")]
    [InlineData(512, "512")]
    [InlineData(999.999, "1K")]
    [InlineData(999_999, "1M")]
    public void Labels_keep_up_to_two_decimals(double value, string expected) =>
        Assert.Equal(expected, CompactNumber.Label(value));

    [Theory]
    [InlineData(0.15183, "15.18%")]
    [InlineData(0.141, "14.1%")]
    public void Shares_are_percentages(double share, string expected) => Assert.Equal(expected, CompactNumber.Percent(share));

    [Fact]
    public void The_exact_value_keeps_every_digit() => Assert.Equal("9,923.9537123", CompactNumber.Exact(9923.9537123));
}
