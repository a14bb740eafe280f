using System.Globalization;
using Kpi.Pipeline.Engine;

namespace Kpi.Pipeline.Running;

/// <summary>Whether validated input may be used: every table has rows, the rejected-row ratio, primary-key uniqueness.</summary>
internal static class InputPolicy
{
    /// <summary>Throws <see cref="InputException"/> naming every table that breaks a rule.</summary>
    public static void Enforce(ValidationReport report, double maxRejectedRatio)
    {
        var problems = new List<string>();
        foreach (var table in report.Tables.Where(t => t.RowsRead == 0))
        {
            problems.Add($"Table {table.Table} has no data rows: its {table.Files} file(s) hold only a header.");
        }

        foreach (var table in report.Tables.Where(t => t.RowsRead > 0 && (double)t.RowsRejected / t.RowsRead > maxRejectedRatio))
        {
            var samples = report.RejectSamples.Where(sample => sample.Table == table.Table).Select(sample => "  " + sample);
            problems.Add(string.Create(
                CultureInfo.InvariantCulture,
                $"Table {table.Table}: {table.RowsRejected} of {table.RowsRead} rows rejected ({(double)table.RowsRejected / table.RowsRead:P2}), over the maximum {maxRejectedRatio:P2}:\n{string.Join('\n', samples)}"));
        }

        foreach (var duplicate in report.Duplicates)
        {
            problems.Add(
                $"Table {duplicate.Table}: {duplicate.Count} duplicated {duplicate.Column} value(s), e.g. {string.Join(", ", duplicate.Keys)}.");
        }

        if (problems.Count > 0)
        {
            throw new InputException(string.Join('\n', problems));
        }
    }
}
