namespace Kpi.Pipeline.Sources;

/// <summary>One of the three input tables and the columns the KPIs need from it.</summary>
internal sealed record InputTable(string Name, IReadOnlyList<string> RequiredColumns)
{
    public static readonly InputTable Orders = new("orders", ["order_id", "user_id", "created_at"]);

    public static readonly InputTable OrderItems = new("order_items", ["id", "order_id", "product_id", "status", "created_at", "sale_price"]);

    public static readonly InputTable Products = new("products", ["id", "category"]);

    public static IReadOnlyList<InputTable> All { get; } = [Orders, OrderItems, Products];
}
