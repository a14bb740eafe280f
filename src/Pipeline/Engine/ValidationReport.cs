using Kpi.Shared.Runs;

namespace Kpi.Pipeline.Engine;

/// <summary>What validation found: counts and samples of rejected rows, and duplicated keys.</summary>
internal sealed record ValidationReport(
    IReadOnlyList<TableInputStats> Tables,
    IReadOnlyList<RejectSample> RejectSamples,
    IReadOnlyList<DuplicateKeys> Duplicates);

/// <summary>Keys that occur more than once in a table (<see cref="Keys"/> lists the first few).</summary>
internal sealed record DuplicateKeys(string Table, string Column, long Count, IReadOnlyList<string> Keys);
