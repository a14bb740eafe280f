using Kpi.Shared.Kpis;

namespace Kpi.Pipeline.Contract;

/// <summary>
/// The one definition of every KPI, in SQL that DuckDB and Spark SQL both accept. Each runs over the
/// validated relations: orders(order_id, user_id, order_date), order_items(id, order_id, product_id,
/// returned, order_date, sale_price) and products(id, category).
/// </summary>
internal static class KpiQueries
{
    /// <summary>
    /// Per category and item date, over items INNER JOIN products; the last column, the row's items, is not a KPI
    /// (it gives <see cref="UnknownProductItems"/>).
    /// </summary>
    public const string CategoryKpis = """
        SELECT p.category AS category,
               i.order_date AS order_date,
               SUM(i.sale_price) AS daily_revenue,
               CAST(SUM(i.sale_price) AS DOUBLE) / COUNT(DISTINCT i.order_id) AS avg_order_value,
               CAST(SUM(CASE WHEN i.returned THEN 1 ELSE 0 END) AS DOUBLE) / COUNT(DISTINCT i.order_id) AS avg_return_rate,
               COUNT(*) AS items
        FROM order_items i
        JOIN products p ON i.product_id = p.id
        GROUP BY p.category, i.order_date
        ORDER BY p.category, i.order_date
        """;

    /// <summary>Per order date, over orders LEFT JOIN items (an order without items still counts).</summary>
    public const string OrderKpis = """
        SELECT o.order_date AS order_date,
               COUNT(DISTINCT o.order_id) AS total_orders,
               COALESCE(SUM(i.sale_price), 0) AS total_revenue,
               COUNT(DISTINCT i.id) AS total_items_sold,
               CAST(SUM(CASE WHEN i.returned THEN 1 ELSE 0 END) AS DOUBLE) / COUNT(DISTINCT o.order_id) AS return_rate,
               COUNT(DISTINCT o.user_id) AS unique_customers
        FROM orders o
        LEFT JOIN order_items i ON i.order_id = o.order_id
        GROUP BY o.order_date
        ORDER BY o.order_date
        """;

    /// <summary>
    /// Items whose product is unknown: they count only in the order KPIs. Every other item joins exactly one product
    /// (product ids are unique: validation fails a run with duplicated ids), so it counts once in one row's items of
    /// <see cref="CategoryKpis"/>.
    /// </summary>
    public static long UnknownProductItems(long items, IEnumerable<long> categoryRowItems) =>
        Unknown(items, categoryRowItems.Sum(), "products");

    /// <summary>The validated items, for <see cref="UnknownProductItems"/> and <see cref="UnknownOrderItems"/>.</summary>
    public const string ItemCount = "SELECT COUNT(*) FROM order_items";

    /// <summary>
    /// Items whose order is unknown: they count only in the category KPIs. Every other item is sold in exactly one
    /// order, so it counts once in one day's <see cref="OrderKpi.TotalItemsSold"/> (item and order ids are unique:
    /// validation fails a run with duplicated ids). That leaves the unknown ones without another join of all items
    /// with all orders.
    /// </summary>
    public static long UnknownOrderItems(long items, IEnumerable<OrderKpi> orderKpis) =>
        Unknown(items, orderKpis.Sum(kpi => kpi.TotalItemsSold), "orders");

    /// <summary>The items left over; more items counted than there are means a key was not unique, which validation rules out.</summary>
    private static long Unknown(long items, long counted, string joined) => counted <= items
        ? items - counted
        : throw new InvalidOperationException($"{counted} items matched {joined}, but order_items holds {items}: a key of {joined} or order_items is not unique.");
}
