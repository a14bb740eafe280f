using Kpi.Dashboard.Data;

namespace Kpi.Dashboard.Tests.Data;

public sealed class DashboardFilterTests
{
    [Fact]
    public void The_query_string_gives_categories_and_dates()
    {
        var filter = DashboardFilter.FromQuery(["Books", "Beauty", "Books", " "], "2025-03-02", "2025-03-03");

        Assert.Equal(["Books", "Beauty"], filter.Categories);
        Assert.Equal((SampleData.Day2, SampleData.Day3), (filter.From, filter.To));
    }

    [Fact]
    public void Unparseable_dates_are_ignored() =>
        Assert.Equal((null, null), (DashboardFilter.FromQuery(null, "yesterday", "2025-13-01").From, DashboardFilter.FromQuery(null, "x", "2025-13-01").To));

    [Fact]
    public void A_range_given_backwards_is_the_range_between_its_dates()
    {
        var filter = DashboardFilter.FromQuery(null, "2025-03-31", "2025-03-01");

        Assert.Equal((new DateOnly(2025, 3, 1), new DateOnly(2025, 3, 31)), (filter.From, filter.To));
        Assert.Equal((new DateOnly(2025, 3, 31), (DateOnly?)null), (DashboardFilter.FromQuery(null, "2025-03-31", null).From, DashboardFilter.FromQuery(null, "2025-03-31", null).To));
    }

    [Theory]
    [InlineData(DatePreset.Last7Days, "2025-03-25", "2025-03-31")]
    [InlineData(DatePreset.Last30Days, "2025-03-02", "2025-03-31")]
    [InlineData(DatePreset.ThisMonth, "2025-03-01", "2025-03-31")]
    public void Presets_count_back_from_the_newest_date_present(DatePreset preset, string from, string to)
    {
        var dates = Enumerable.Range(0, 40).Select(i => new DateOnly(2025, 2, 20).AddDays(i)).ToList();

        var (start, end) = DatePresets.Range(preset, dates);

        Assert.Equal((DateOnly.Parse(from, System.Globalization.CultureInfo.InvariantCulture), DateOnly.Parse(to, System.Globalization.CultureInfo.InvariantCulture)), (start!.Value, end!.Value));
    }

    [Theory]
    [InlineData(DatePreset.Last7Days)]
    [InlineData(DatePreset.Last30Days)]
    [InlineData(DatePreset.ThisMonth)]
    public void Presets_near_year_1_start_on_the_first_day_there_is(DatePreset preset)
    {
        var (start, end) = DatePresets.Range(preset, [new DateOnly(1, 1, 2), new DateOnly(1, 1, 3)]);

        Assert.Equal((DateOnly.MinValue, new DateOnly(1, 1, 3)), (start!.Value, end!.Value));
    }
}
