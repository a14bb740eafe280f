using Kpi.Pipeline.Contract;
using Kpi.Pipeline.Engine.DuckDb.Screening;
using Kpi.Pipeline.Sources;
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

    /// <summary>Screens one file as the fast path does.</summary>
    public static FileScreen Screen(InputTable table, string path)
    {
        var file = new InputFile(Path.GetFileName(path), new Uri(path), path, new FileInfo(path).Length);
        return FileScreening.Screen(table, file, CsvHeaders.ReadLayout(table, file), CancellationToken.None);
    }
}
