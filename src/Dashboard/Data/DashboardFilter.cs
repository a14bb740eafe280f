using System.Globalization;

namespace Kpi.Dashboard.Data;

/// <summary>The user's view: some categories (none = all) and an inclusive date range (open ends = all).</summary>
public sealed record DashboardFilter(IReadOnlyList<string> Categories, DateOnly? From, DateOnly? To)
{
    public const string DateFormat = "yyyy-MM-dd";

    public static DashboardFilter All { get; } = new([], null, null);

    public bool AllCategories => Categories.Count == 0;

    public bool Includes(string category) => AllCategories || Categories.Contains(category, StringComparer.Ordinal);

    public bool Includes(DateOnly date) => (From is null || date >= From) && (To is null || date <= To);

    /// <summary>Only this category, or all categories when it is already the only one selected.</summary>
    public DashboardFilter ToggleCategory(string category) =>
        this with { Categories = Categories is [var only] && string.Equals(only, category, StringComparison.Ordinal) ? [] : [category] };

    /// <summary>Reads the query-string values; anything unparseable is ignored rather than failing the page.</summary>
    /// <summary>The filter of a page's address; a range given backwards (from after to) is the range between the two dates.</summary>
    public static DashboardFilter FromQuery(string[]? categories, string? from, string? to)
    {
        var (first, last) = (ParseDate(from), ParseDate(to));
        if (first > last)
        {
            (first, last) = (last, first);
        }

        return new([.. (categories ?? []).Where(c => !string.IsNullOrWhiteSpace(c)).Distinct(StringComparer.Ordinal)], first, last);
    }

    public static string? FormatDate(DateOnly? date) => date?.ToString(DateFormat, CultureInfo.InvariantCulture);

    private static DateOnly? ParseDate(string? text) =>
        DateOnly.TryParseExact(text, DateFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : null;
}
