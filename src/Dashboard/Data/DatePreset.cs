namespace Kpi.Dashboard.Data;

/// <summary>Date-range presets, counted back from the newest date present in the data.</summary>
public enum DatePreset
{
    All,
    Last7Days,
    Last30Days,
    ThisMonth,
}

public static class DatePresets
{
    public static (DateOnly? From, DateOnly? To) Range(DatePreset preset, IReadOnlyList<DateOnly> dates)
    {
        if (preset == DatePreset.All || dates.Count == 0)
        {
            return (null, null);
        }

        var last = dates[^1];
        return preset switch
        {
            DatePreset.Last7Days => (DaysBack(last, 6), last),
            DatePreset.Last30Days => (DaysBack(last, 29), last),
            DatePreset.ThisMonth => (new DateOnly(last.Year, last.Month, 1), last),
            _ => (null, null),
        };
    }

    /// <summary>Counts back, stopping at the first day there is (near year 1, "last 7 days" starts on 0001-01-01).</summary>
    private static DateOnly DaysBack(DateOnly last, int days) =>
        DateOnly.FromDayNumber(Math.Max(DateOnly.MinValue.DayNumber, last.DayNumber - days));

    public static string Label(DatePreset preset) => preset switch
    {
        DatePreset.All => "All dates",
        DatePreset.Last7Days => "Last 7 days",
        DatePreset.Last30Days => "Last 30 days",
        DatePreset.ThisMonth => "This month",
        _ => preset.ToString(),
    };
}
