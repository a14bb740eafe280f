using Kpi.Shared.Kpis;

namespace Kpi.TestSupport;

/// <summary>
/// Deterministic KPI rows as the pipeline leaves them, at any size: every category on every day from
/// <see cref="FirstDay"/>, and one order row a day. The scale tests and the dashboard benchmark use the same rows.
/// </summary>
public sealed record SyntheticKpis(int Days, int Categories)
{
    public static readonly DateOnly FirstDay = new(2023, 1, 1);

    /// <summary>1 month × 7 categories: the size of the real data set.</summary>
    public static SyntheticKpis OneMonth { get; } = new(31, 7);

    /// <summary>3 years × 50 categories: 54,750 category rows and 1,095 order rows.</summary>
    public static SyntheticKpis ThreeYears { get; } = new(1095, 50);

    public DateOnly LastDay => FirstDay.AddDays(Days - 1);

    public IEnumerable<CategoryKpi> CategoryKpis()
    {
        var random = new Random((Days * 1000) + Categories);
        for (var day = 0; day < Days; day++)
        {
            for (var c = 0; c < Categories; c++)
            {
                var orders = random.Next(5, 60);
                var orderValue = Math.Round(40 + (c * 3) + (random.NextDouble() * 60), 2);
                yield return new CategoryKpi(
                    CategoryName(c), FirstDay.AddDays(day), Math.Round((decimal)(orders * orderValue), 2), orderValue, Math.Round(random.NextDouble() * 0.4, 4));
            }
        }
    }

    public IEnumerable<OrderKpi> OrderKpis()
    {
        var random = new Random(Days);
        for (var day = 0; day < Days; day++)
        {
            var orders = random.Next(100, 2000);
            yield return new OrderKpi(
                FirstDay.AddDays(day), orders, Math.Round(orders * (decimal)(50 + (random.NextDouble() * 80)), 2), orders * 2, Math.Round(random.NextDouble() * 0.3, 4), orders * 9 / 10);
        }
    }

    /// <summary>The real data set's seven names first, then "Category 08", "Category 09", …</summary>
    public static string CategoryName(int index) => index < Names.Length ? Names[index] : $"Category {index + 1:D2}";

    private static readonly string[] Names = ["Beauty", "Books", "Clothing", "Electronics", "Home & Kitchen", "Sports", "Toys"];
}
