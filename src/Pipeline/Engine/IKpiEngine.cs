using Kpi.Pipeline.Sources;
using Kpi.Shared.Runs;

namespace Kpi.Pipeline.Engine;

/// <summary>Reads the input as text, validates it, then computes the KPIs from what passed validation.</summary>
internal interface IKpiEngine : IAsyncDisposable
{
    string Name { get; }

    /// <summary>Reads every table's files; returns the rows read per table.</summary>
    Task<IReadOnlyList<TableInputStats>> ReadAsync(InputSet input, CancellationToken cancellationToken);

    Task<ValidationReport> ValidateAsync(CancellationToken cancellationToken);

    Task<KpiResult> ComputeAsync(CancellationToken cancellationToken);
}
