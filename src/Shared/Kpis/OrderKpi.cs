namespace Kpi.Shared.Kpis;

/// <summary>KPIs of all orders placed on one day (a row of <c>order_kpis_table</c>).</summary>
public sealed record OrderKpi(
    DateOnly OrderDate,
    long TotalOrders,
    decimal TotalRevenue,
    long TotalItemsSold,
    double ReturnRate,
    long UniqueCustomers);
