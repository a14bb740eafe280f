using Kpi.Shared.Kpis;

namespace Kpi.Pipeline.Engine;

internal sealed record KpiResult(
    IReadOnlyList<CategoryKpi> CategoryKpis,
    IReadOnlyList<OrderKpi> OrderKpis,
    long UnknownProductItems,
    long UnknownOrderItems);
