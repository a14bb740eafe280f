using Kpi.Shared.Runs;

namespace Kpi.Pipeline.Engine;

/// <summary>One run on an engine: read the input as text, validate it, then compute the KPIs from what passed.</summary>
internal interface IKpiSession : IAsyncDisposable
{
    /// <summary>Reads every table's files; returns the rows read per table.</summary>
    Task<IReadOnlyList<TableInputStats>> ReadAsync(CancellationToken cancellationToken);

    Task<ValidationReport> ValidateAsync(CancellationToken cancellationToken);

    /// <summary>
    /// The KPIs of the rows that passed, for input the run accepted (<c>InputPolicy</c>): with keys unique, as
    /// <see cref="Contract.KpiQueries.UnknownProductItems"/> and <see cref="Contract.KpiQueries.UnknownOrderItems"/>
    /// assume. Over duplicated keys the unknown counts may be wrong, and the call fails where more items are matched
    /// than the table holds.
    /// </summary>
    Task<KpiResult> ComputeAsync(CancellationToken cancellationToken);
}
