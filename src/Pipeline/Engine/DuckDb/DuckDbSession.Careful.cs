using System.Globalization;
using DuckDB.NET.Data;
using Kpi.Pipeline.Contract;
using Kpi.Pipeline.Engine.DuckDb.Screening;
using Kpi.Pipeline.Sources;
using Kpi.Shared.Runs;

namespace Kpi.Pipeline.Engine.DuckDb;

/// <summary>The careful path: files read as text, the rules as SQL, rejected rows with their file and line.</summary>
internal sealed partial class DuckDbSession
{
    /// <summary>Files of one layout per careful read: each read holds some state per file until it ends (about 130 KB).</summary>
    private const int CarefulFilesPerRead = 200;

    /// <summary>
    /// Reads the careful path's files as text (layouts as screening read them from the headers): files of one
    /// layout together, up to <see cref="CarefulFilesPerRead"/> a statement, so memory grows with the data and not
    /// with the number of files. <c>row_number() OVER ()</c> keeps the order: the streaming window reads
    /// single-threaded, file after file, so each file's records are consecutive numbers (<c>seq</c>) in its
    /// read; <see cref="Samples"/> turns them into record numbers.
    /// </summary>
    private void ReadRaw(InputTable table, IReadOnlyList<FileScreen> careful, CancellationToken cancellationToken)
    {
        var files = careful.Select(screen => screen.File).ToList();
        var reads = careful.Select((screen, fileId) => (screen.Layout, FileId: fileId))
            .GroupBy(file => LayoutKey(file.Layout))
            .SelectMany(group => group.Chunk(CarefulFilesPerRead))
            .Select(chunk =>
            {
                // file_index is a file's place in this read; file_id its place among the table's careful files.
                var layout = chunk[0].Layout;
                var allColumns = Enumerable.Range(0, layout.ColumnCount + 1).Select(i => $"c{i}");
                var ids = string.Join(", ", chunk.Select(file => file.FileId.ToString(CultureInfo.InvariantCulture)));
                return $"SELECT CAST([{ids}][CAST(file_index AS BIGINT) + 1] AS INTEGER) AS file_id, row_number() OVER () AS seq, " +
                       string.Create(CultureInfo.InvariantCulture, $"{Sql.InputColumns(table, layout)}, c{layout.ColumnCount} AS extra_fields, {Sql.RecordLines(allColumns)} AS lines ") +
                       $"FROM {ReadCsv(chunk.Select(file => LiteralPath(files[file.FileId])), layout.ColumnCount + 1)}";
            });

        try
        {
            var first = true;
            foreach (var read in reads)
            {
                Execute(first ? $"CREATE OR REPLACE TEMP TABLE {Raw(table)} AS {read}" : $"INSERT INTO {Raw(table)} {read}", cancellationToken);
                first = false;
            }
        }
        catch (DuckDBException ex)
        {
            throw new InputException($"Table {table.Name}: {CsvError.Describe(ex.Message, files, _readPaths)}", ex);
        }
    }

    private static string ReadCsv(IEnumerable<string> paths, int columns)
    {
        var columnList = string.Join(", ", Enumerable.Range(0, columns).Select(i => $"'c{i}': 'VARCHAR'"));
        return $"read_csv([{string.Join(", ", paths.Select(Literal))}], header = true, auto_detect = false, columns = {{{columnList}}}, " +
               "delim = ',', quote = '\"', escape = '\"', null_padding = true, strict_mode = false, parallel = false, " +
               string.Create(CultureInfo.InvariantCulture, $"max_line_size = {InputRules.MaxRecordBytes})");
    }

    /// <summary>
    /// Only the rejected rows, with the first broken column, its value and the reason: the rules run once,
    /// and nothing is copied for the (usually all) rows that pass.
    /// </summary>
    private static string RejectsSql(InputTable table)
    {
        var reject = Sql.Reject(table);
        return $"CREATE OR REPLACE TEMP TABLE {Rejects(table)} AS " +
               $"SELECT file_id, seq, lines, {reject.ColumnName} AS column_name, {reject.Value} AS value, {reject.Reason} AS reason " +
               $"FROM (SELECT *, {reject.Checks} FROM {Raw(table)}) WHERE {reject.Reason} IS NOT NULL";
    }

    /// <summary>The careful path's clean rows: a new clean relation, or added to the one the fast path began.</summary>
    private static string CleanSql(InputTable table, bool addToPlain) =>
        $"{(addToPlain ? $"INSERT INTO {table.Name}" : $"CREATE OR REPLACE TEMP TABLE {table.Name} AS")} " +
        $"SELECT {Sql.CleanColumns(table)} FROM {Raw(table)} ANTI JOIN {Rejects(table)} USING (file_id, seq)";

    private List<RejectSample> Samples(InputTable table, IReadOnlyList<InputFile> files, CancellationToken cancellationToken)
    {
        var rows = Query(
            $"SELECT file_id, seq - first_seq + 1, column_name, value, reason FROM {Rejects(table)} " +
            $"JOIN (SELECT file_id, min(seq) AS first_seq FROM {Raw(table)} GROUP BY file_id) USING (file_id) " +
            $"ORDER BY file_id, seq LIMIT {InputRules.MaxSamplesPerTable}",
            reader => (File: reader.GetInt32(0), Record: reader.GetInt64(1), Column: reader.GetString(2),
                Value: reader.IsDBNull(3) ? null : reader.GetString(3), Reason: reader.GetString(4)),
            cancellationToken);

        // DuckDB numbers records; the message wants the physical line, which quoted newlines can push further.
        var lines = rows.GroupBy(row => row.File)
            .ToDictionary(group => group.Key, group => CsvHeaders.FindLines(files[group.Key].LocalPath!, [.. group.Select(row => row.Record)]));
        return [.. rows.Select(row => new RejectSample(
            table.Name, files[row.File].Name, lines[row.File].GetValueOrDefault(row.Record, row.Record + 1), row.Column, InputRules.SampleValue(row.Value), row.Reason))];
    }

    private static string Raw(InputTable table) => $"raw_{table.Name}";

    private static string Rejects(InputTable table) => $"rejects_{table.Name}";
}
