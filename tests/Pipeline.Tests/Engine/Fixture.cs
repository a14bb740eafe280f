using Kpi.TestSupport;

namespace Kpi.Pipeline.Tests.Engine;

/// <summary>Small hand-written input sets: one product per category, a few orders and items.</summary>
internal static class Fixture
{
    public const string Products = "id,category\n1,Beauty\n2,Books\n";

    public static TempFolder Write(string orders, string items, string products = Products)
    {
        var folder = new TempFolder();
        folder.Write("orders/orders_part1.csv", orders);
        folder.Write("order_items/order_items_part1.csv", items);
        folder.Write("products.csv", products);
        return folder;
    }
}
