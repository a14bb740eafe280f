using Kpi.Pipeline.Contract;
using Kpi.Shared.Kpis;

namespace Kpi.Pipeline.Engine.DuckDb;

/// <summary>Runs the shared KPI definitions over the validated relations.</summary>
internal sealed partial class DuckDbSession
{
    public Task<KpiResult> ComputeAsync(CancellationToken cancellationToken)
    {
        var category = Query(KpiQueries.CategoryKpis, reader => new CategoryKpi(
            reader.GetString(0),
            KpiDate(reader.GetString(1)),
            reader.GetDecimal(2),
            reader.GetDouble(3),
            reader.GetDouble(4)),
            cancellationToken);
        var orders = Query(KpiQueries.OrderKpis, reader => new OrderKpi(
            KpiDate(reader.GetString(0)),
            reader.GetInt64(1),
            reader.GetDecimal(2),
            reader.GetInt64(3),
            reader.GetDouble(4),
            reader.GetInt64(5)),
            cancellationToken);
        return Task.FromResult(new KpiResult(
            category,
            orders,
            Scalar(KpiQueries.UnknownProductItems, cancellationToken),
            KpiQueries.UnknownOrderItems(Scalar(KpiQueries.ItemCount, cancellationToken), orders)));
    }

    private static DateOnly KpiDate(string text) => Kpi.Shared.Storage.KpiItems.ParseDate(text);
}
