using Kpi.Pipeline.Contract;
using Kpi.Shared.Kpis;

namespace Kpi.Pipeline.Engine.DuckDb;

/// <summary>Runs the shared KPI definitions over the validated relations.</summary>
internal sealed partial class DuckDbSession
{
    public Task<KpiResult> ComputeAsync(CancellationToken cancellationToken)
    {
        var category = Query(KpiQueries.CategoryKpis, reader => (Kpi: new CategoryKpi(
            reader.GetString(0),
            KpiDate(reader.GetString(1)),
            reader.GetDecimal(2),
            reader.GetDouble(3),
            reader.GetDouble(4)), Items: reader.GetInt64(5)),
            cancellationToken);
        var orders = Query(KpiQueries.OrderKpis, reader => new OrderKpi(
            KpiDate(reader.GetString(0)),
            reader.GetInt64(1),
            reader.GetDecimal(2),
            reader.GetInt64(3),
            reader.GetDouble(4),
            reader.GetInt64(5)),
            cancellationToken);
        var items = Scalar(KpiQueries.ItemCount, cancellationToken);
        return Task.FromResult(new KpiResult(
            [.. category.Select(row => row.Kpi)],
            orders,
            KpiQueries.UnknownProductItems(items, category.Select(row => row.Items)),
            KpiQueries.UnknownOrderItems(items, orders)));
    }

    private static DateOnly KpiDate(string text) => Kpi.Shared.Storage.KpiItems.ParseDate(text);
}
