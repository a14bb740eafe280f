namespace Kpi.Shared.Runs;

/// <summary>What a run read of one input table.</summary>
public sealed record TableInputStats(string Table, int Files, long RowsRead, long RowsRejected);
