using System.Globalization;
using System.Text;
using DuckDB.NET.Data;
using Kpi.Pipeline.Contract;
using Kpi.Pipeline.Sources;
using Kpi.Shared.Runs;

namespace Kpi.Pipeline.Engine.DuckDb;

/// <summary>
/// Reading and validation. Files are read with an explicit all-text column list (no type sniffing), one
/// extra column catching rows with more fields than the header; the rules then run as SQL, which yields
/// the rejected rows, and the clean relations are the rest, converted to their types.
/// </summary>
internal sealed partial class DuckDbSession
{
    public Task<IReadOnlyList<TableInputStats>> ReadAsync(CancellationToken cancellationToken)
    {
        _read.Clear();
        foreach (var (table, files) in _input.Files)
        {
            cancellationToken.ThrowIfCancellationRequested();
            ReadRaw(table, files);
            _read[table] = new TableInputStats(table.Name, files.Count, Scalar($"SELECT COUNT(*) FROM {Raw(table)}"), 0);
        }

        return Task.FromResult<IReadOnlyList<TableInputStats>>([.. _read.Values]);
    }

    public Task<ValidationReport> ValidateAsync(CancellationToken cancellationToken)
    {
        var stats = new List<TableInputStats>();
        var samples = new List<RejectSample>();
        var duplicates = new List<DuplicateKeys>();
        foreach (var (table, files) in _input.Files)
        {
            cancellationToken.ThrowIfCancellationRequested();
            Execute(RejectsSql(table));
            Execute(CleanSql(table));
            var rejected = Scalar($"SELECT COUNT(*) FROM {Rejects(table)}");
            stats.Add(_read[table] with { RowsRejected = rejected });
            if (rejected > 0)
            {
                samples.AddRange(Samples(table, files));
            }

            // Only the clean relation is needed from here on: free the text copy.
            Execute($"DROP TABLE {Raw(table)}; DROP TABLE {Rejects(table)}");

            if (FindDuplicates(table) is { } duplicate)
            {
                duplicates.Add(duplicate);
            }
        }

        return Task.FromResult(new ValidationReport(stats, samples, duplicates));
    }

    private void ReadRaw(InputTable table, IReadOnlyList<InputFile> files)
    {
        var sql = new StringBuilder($"CREATE OR REPLACE TEMP TABLE {Raw(table)} AS ");
        for (var fileId = 0; fileId < files.Count; fileId++)
        {
            var layout = CsvHeaders.ReadLayout(table, files[fileId]);
            if (fileId > 0)
            {
                sql.Append(" UNION ALL ");
            }

            // row_number() OVER () keeps the file's order: the streaming window runs single-threaded per file.
            sql.Append(CultureInfo.InvariantCulture, $"SELECT {fileId} AS file_id, row_number() OVER () AS rec");
            foreach (var column in table.Columns)
            {
                sql.Append(CultureInfo.InvariantCulture, $", c{layout.Positions[column.Name]} AS {Identifier(column.Name)}");
            }

            sql.Append(CultureInfo.InvariantCulture, $", c{layout.ColumnCount} AS extra_fields FROM {ReadCsv(files[fileId].LocalPath!, layout.ColumnCount + 1)}");
        }

        try
        {
            Execute(sql.ToString());
        }
        catch (DuckDBException ex)
        {
            throw new InputException($"Table {table.Name}: {CsvError.Describe(ex.Message, files)}", ex);
        }
    }

    private static string ReadCsv(string path, int columns)
    {
        var columnList = string.Join(", ", Enumerable.Range(0, columns).Select(i => $"'c{i}': 'VARCHAR'"));
        return $"read_csv({Literal(path)}, header = true, auto_detect = false, columns = {{{columnList}}}, " +
               "delim = ',', quote = '\"', escape = '\"', null_padding = true, strict_mode = false, parallel = false)";
    }

    /// <summary>
    /// Only the rejected rows, with the first broken column, its value and the reason: the rules run once,
    /// and nothing is copied for the (usually all) rows that pass.
    /// </summary>
    private static string RejectsSql(InputTable table)
    {
        var columns = table.Columns;
        var reasons = string.Join(", ", columns.Select((column, i) => $"{Sql.RejectReason(column)} AS r{i}"));
        var whichColumn = string.Join(" ", columns.Select((column, i) => $"WHEN r{i} IS NOT NULL THEN {Literal(column.Name)}"));
        var whichValue = string.Join(" ", columns.Select((column, i) => $"WHEN r{i} IS NOT NULL THEN {Identifier(column.Name)}"));
        var firstReason = $"COALESCE({string.Join(", ", columns.Select((_, i) => $"r{i}"))}, " +
                          $"CASE WHEN extra_fields IS NOT NULL THEN {Literal(InputRules.ExtraFieldsReason)} END)";
        return $"CREATE OR REPLACE TEMP TABLE {Rejects(table)} AS " +
               $"SELECT file_id, rec, CASE {whichColumn} ELSE {Literal(InputRules.ExtraFieldsColumn)} END AS column_name, " +
               $"CASE {whichValue} ELSE extra_fields END AS value, {firstReason} AS reason " +
               $"FROM (SELECT *, {reasons} FROM {Raw(table)}) WHERE {firstReason} IS NOT NULL";
    }

    private static string CleanSql(InputTable table) =>
        $"CREATE OR REPLACE TEMP TABLE {table.Name} AS SELECT {Sql.CleanColumns(table)} FROM {Raw(table)} " +
        $"ANTI JOIN {Rejects(table)} USING (file_id, rec)";

    private List<RejectSample> Samples(InputTable table, IReadOnlyList<InputFile> files)
    {
        var rows = Query(
            $"SELECT file_id, rec, column_name, value, reason FROM {Rejects(table)} " +
            $"ORDER BY file_id, rec LIMIT {InputRules.MaxSamplesPerTable}",
            reader => (File: reader.GetInt32(0), Record: reader.GetInt64(1), Column: reader.GetString(2),
                Value: reader.IsDBNull(3) ? null : reader.GetString(3), Reason: reader.GetString(4)));

        // DuckDB numbers records; the message wants the physical line, which quoted newlines can push further.
        var lines = rows.GroupBy(row => row.File)
            .ToDictionary(group => group.Key, group => CsvHeaders.FindLines(files[group.Key].LocalPath!, [.. group.Select(row => row.Record)]));
        return [.. rows.Select(row => new RejectSample(
            table.Name, files[row.File].Name, lines[row.File].GetValueOrDefault(row.Record, row.Record + 1), row.Column, row.Value, row.Reason))];
    }

    private DuplicateKeys? FindDuplicates(InputTable table)
    {
        var key = table.Key;
        var rows = Query(
            $"SELECT CAST({key} AS VARCHAR), COUNT(*) OVER () FROM {table.Name} GROUP BY {key} HAVING COUNT(*) > 1 " +
            $"ORDER BY {key} LIMIT {InputRules.MaxDuplicateKeysListed}",
            reader => (Key: reader.GetString(0), Total: reader.GetInt64(1)));
        return rows.Count == 0 ? null : new DuplicateKeys(table.Name, key, rows[0].Total, [.. rows.Select(row => row.Key)]);
    }

    private static string Raw(InputTable table) => $"raw_{table.Name}";

    private static string Rejects(InputTable table) => $"rejects_{table.Name}";
}
