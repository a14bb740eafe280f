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
            ReadRaw(table, files, cancellationToken);
            _read[table] = new TableInputStats(table.Name, files.Count, Scalar($"SELECT COUNT(*) FROM {Raw(table)}", cancellationToken), 0);
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
            Execute(RejectsSql(table), cancellationToken);
            Execute(CleanSql(table), cancellationToken);

            // A rejected record counts once for every physical line it spans, in rows read as in rows rejected.
            var (records, lines) = Query(
                $"SELECT COUNT(*), CAST(COALESCE(SUM(lines), 0) AS BIGINT) FROM {Rejects(table)}",
                reader => (reader.GetInt64(0), reader.GetInt64(1)),
                cancellationToken)[0];
            var read = _read[table];
            stats.Add(read with { RowsRead = read.RowsRead + lines - records, RowsRejected = lines });
            if (records > 0)
            {
                samples.AddRange(Samples(table, files, cancellationToken));
            }

            // Only the clean relation is needed from here on: free the text copy.
            Execute($"DROP TABLE {Raw(table)}; DROP TABLE {Rejects(table)}", cancellationToken);

            if (FindDuplicates(table, cancellationToken) is { } duplicate)
            {
                duplicates.Add(duplicate);
            }
        }

        return Task.FromResult(new ValidationReport(stats, samples, duplicates));
    }

    private void ReadRaw(InputTable table, IReadOnlyList<InputFile> files, CancellationToken cancellationToken)
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

            var allColumns = Enumerable.Range(0, layout.ColumnCount + 1).Select(i => $"c{i}");
            sql.Append(CultureInfo.InvariantCulture, $", c{layout.ColumnCount} AS extra_fields, {Sql.RecordLines(allColumns)} AS lines");
            sql.Append(CultureInfo.InvariantCulture, $" FROM {ReadCsv(LiteralPath(files[fileId]), layout.ColumnCount + 1)}");
        }

        try
        {
            Execute(sql.ToString(), cancellationToken);
        }
        catch (DuckDBException ex)
        {
            throw new InputException($"Table {table.Name}: {CsvError.Describe(ex.Message, files, _readPaths)}", ex);
        }
    }

    private static string ReadCsv(string path, int columns)
    {
        var columnList = string.Join(", ", Enumerable.Range(0, columns).Select(i => $"'c{i}': 'VARCHAR'"));
        return $"read_csv({Literal(path)}, header = true, auto_detect = false, columns = {{{columnList}}}, " +
               "delim = ',', quote = '\"', escape = '\"', null_padding = true, strict_mode = false, parallel = false, " +
               string.Create(CultureInfo.InvariantCulture, $"max_line_size = {InputRules.MaxRecordBytes})");
    }

    /// <summary>
    /// A path DuckDB reads as exactly that file. DuckDB takes file names as glob patterns (<c>p[12].csv</c>,
    /// <c>p*.csv</c>), so each file is read through a link of a plain name in the session's private folder.
    /// </summary>
    private string LiteralPath(InputFile file)
    {
        var folder = Path.Combine(_spillFolder, "input");
        Directory.CreateDirectory(folder);
        var link = Path.Combine(folder, $"{_readPaths.Count}.csv");
        File.CreateSymbolicLink(link, Path.GetFullPath(file.LocalPath!));
        _readPaths[link] = file;
        return link;
    }

    /// <summary>
    /// Only the rejected rows, with the first broken column, its value and the reason: the rules run once,
    /// and nothing is copied for the (usually all) rows that pass.
    /// </summary>
    private static string RejectsSql(InputTable table)
    {
        var reject = Sql.Reject(table);
        return $"CREATE OR REPLACE TEMP TABLE {Rejects(table)} AS " +
               $"SELECT file_id, rec, lines, {reject.ColumnName} AS column_name, {reject.Value} AS value, {reject.Reason} AS reason " +
               $"FROM (SELECT *, {reject.Checks} FROM {Raw(table)}) WHERE {reject.Reason} IS NOT NULL";
    }

    private static string CleanSql(InputTable table) =>
        $"CREATE OR REPLACE TEMP TABLE {table.Name} AS SELECT {Sql.CleanColumns(table)} FROM {Raw(table)} " +
        $"ANTI JOIN {Rejects(table)} USING (file_id, rec)";

    private List<RejectSample> Samples(InputTable table, IReadOnlyList<InputFile> files, CancellationToken cancellationToken)
    {
        var rows = Query(
            $"SELECT file_id, rec, column_name, value, reason FROM {Rejects(table)} " +
            $"ORDER BY file_id, rec LIMIT {InputRules.MaxSamplesPerTable}",
            reader => (File: reader.GetInt32(0), Record: reader.GetInt64(1), Column: reader.GetString(2),
                Value: reader.IsDBNull(3) ? null : reader.GetString(3), Reason: reader.GetString(4)),
            cancellationToken);

        // DuckDB numbers records; the message wants the physical line, which quoted newlines can push further.
        var lines = rows.GroupBy(row => row.File)
            .ToDictionary(group => group.Key, group => CsvHeaders.FindLines(files[group.Key].LocalPath!, [.. group.Select(row => row.Record)]));
        return [.. rows.Select(row => new RejectSample(
            table.Name, files[row.File].Name, lines[row.File].GetValueOrDefault(row.Record, row.Record + 1), row.Column, InputRules.SampleValue(row.Value), row.Reason))];
    }

    private DuplicateKeys? FindDuplicates(InputTable table, CancellationToken cancellationToken)
    {
        var key = table.Key;
        var rows = Query(
            $"SELECT CAST({key} AS VARCHAR), COUNT(*) OVER () FROM {table.Name} GROUP BY {key} HAVING COUNT(*) > 1 " +
            $"ORDER BY {key} LIMIT {InputRules.MaxDuplicateKeysListed}",
            reader => (Key: reader.GetString(0), Total: reader.GetInt64(1)),
            cancellationToken);
        return rows.Count == 0 ? null : new DuplicateKeys(table.Name, key, rows[0].Total, [.. rows.Select(row => row.Key)]);
    }

    private static string Raw(InputTable table) => $"raw_{table.Name}";

    private static string Rejects(InputTable table) => $"rejects_{table.Name}";
}
