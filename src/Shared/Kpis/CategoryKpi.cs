namespace Kpi.Shared.Kpis;

/// <summary>KPIs of one product category on one day (a row of <c>category_kpis_table</c>).</summary>
public sealed record CategoryKpi(
    string Category,
    DateOnly OrderDate,
    decimal DailyRevenue,
    double AvgOrderValue,
    double AvgReturnRate);
