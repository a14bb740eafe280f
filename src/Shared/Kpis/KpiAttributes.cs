namespace Kpi.Shared.Kpis;

/// <summary>The DynamoDB attribute names of the KPI tables: the contract the dashboard reads.</summary>
public static class KpiAttributes
{
    public const string Category = "category";
    public const string OrderDate = "order_date";
    public const string DailyRevenue = "daily_revenue";
    public const string AvgOrderValue = "avg_order_value";
    public const string AvgReturnRate = "avg_return_rate";
    public const string TotalOrders = "total_orders";
    public const string TotalRevenue = "total_revenue";
    public const string TotalItemsSold = "total_items_sold";
    public const string ReturnRate = "return_rate";
    public const string UniqueCustomers = "unique_customers";
    public const string RunId = "run_id";
    public const string ComputedAt = "computed_at";

    public const string DateFormat = "yyyy-MM-dd";
}
