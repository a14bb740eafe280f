using System.Globalization;
using System.Text;
using Kpi.TestSupport;

namespace Kpi.Dashboard.BrowserTests;

/// <summary>
/// Ten days, two orders a day: a Beauty item of 10×day (returned on odd days) and a Books item of 20.
/// All rows: average order value (550 + 200) / 20 = 37.5, return rate 5 / 20 = 0.25, 20 items.
/// Books: 20, 0, 20. Last 7 days (4th–10th): (490 + 140) / 14 = 45, 3 / 14 ≈ 0.21, 14 items.
/// </summary>
internal static class TestData
{
    public static TempFolder Write()
    {
        var orders = new StringBuilder("order_id,user_id,created_at\n");
        var items = new StringBuilder("id,order_id,product_id,status,created_at,sale_price\n");
        for (var day = 1; day <= 10; day++)
        {
            var date = new DateOnly(2025, 3, day).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            orders.Append(CultureInfo.InvariantCulture, $"{(2 * day) - 1},{day},{date}T10:00:00\n{2 * day},{day + 100},{date}T11:00:00\n");
            items.Append(CultureInfo.InvariantCulture, $"{(2 * day) - 1},{(2 * day) - 1},1,{(day % 2 == 1 ? "returned" : "delivered")},{date}T10:00:00,{10 * day}\n");
            items.Append(CultureInfo.InvariantCulture, $"{2 * day},{2 * day},2,delivered,{date}T11:00:00,20\n");
        }

        var folder = new TempFolder();
        folder.Write("orders/orders_part1.csv", orders.ToString());
        folder.Write("order_items/order_items_part1.csv", items.ToString());
        folder.Write("products.csv", "id,category\n1,Beauty\n2,Books\n");
        return folder;
    }

    /// <summary>Three orders on two days, one item each, in categories with the given names and Books.</summary>
    public static TempFolder WriteHostile(string first, string second)
    {
        var folder = new TempFolder();
        folder.Write("orders/orders_part1.csv", "order_id,user_id,created_at\n1,1,2025-03-01T10:00:00\n2,2,2025-03-02T10:00:00\n3,3,2025-03-02T11:00:00\n");
        folder.Write("order_items/order_items_part1.csv", "id,order_id,product_id,status,created_at,sale_price\n1,1,1,delivered,2025-03-01T10:00:00,30\n2,2,2,returned,2025-03-02T10:00:00,20\n3,3,3,delivered,2025-03-02T11:00:00,10\n");
        folder.Write("products.csv", $"id,category\n1,{Quote(first)}\n2,{Quote(second)}\n3,Books\n");
        return folder;
    }

    private static string Quote(string field) => "\"" + field.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
