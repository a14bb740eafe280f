using System.Globalization;
using System.Text;
using DuckDB.NET.Data;
using Kpi.Pipeline.Contract;
using Kpi.Pipeline.Engine.DuckDb.Screening;
using Kpi.Pipeline.Sources;
using Kpi.Shared.Runs;
using Microsoft.Extensions.Logging;

namespace Kpi.Pipeline.Engine.DuckDb;

/// <summary>
/// Reading and validation, on two paths. Every file is first screened (<see cref="FileScreening"/>): a file whose
/// records are all plain is read by DuckDB's typed, parallel CSV reader straight into the table's clean relation
/// (the fast path). Any other file takes the careful path: it is read with an explicit all-text column list (no
/// type sniffing) and one extra column catching rows with more fields than the header; the rules then run as SQL,
/// which yields the rejected rows, and the rest is converted to its types and added to the clean relation.
/// </summary>
internal sealed partial class DuckDbSession
{
    /// <summary>The files of each table that take the careful path.</summary>
    private readonly Dictionary<InputTable, IReadOnlyList<InputFile>> _careful = [];

    /// <summary>Tables whose keys screening proved unique (every file plain, keys rising in each, files disjoint).</summary>
    private readonly HashSet<InputTable> _uniqueKeys = [];

    public Task<IReadOnlyList<TableInputStats>> ReadAsync(CancellationToken cancellationToken)
    {
        _read.Clear();
        _careful.Clear();
        _uniqueKeys.Clear();

        // Each table is screened (C#, on the thread pool) while DuckDB reads the table before it.
        using var stopScreening = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var screening = StartScreening(stopScreening.Token);
        try
        {
            foreach (var (table, files) in _input.Files)
            {
                var screens = screening[table].GetAwaiter().GetResult();
                cancellationToken.ThrowIfCancellationRequested();
                var plain = screens.Where(screen => screen.Plain).ToList();
                var careful = screens.Where(screen => !screen.Plain).ToList();
                _careful[table] = [.. careful.Select(screen => screen.File)];
                if (careful.Count == 0 && KeyRange.AreDisjoint(plain.Where(screen => screen.Records > 0).Select(screen => screen.Keys)))
                {
                    _uniqueKeys.Add(table);
                }

                var rows = 0L;
                if (plain.Count > 0)
                {
                    rows += ReadPlain(table, plain, cancellationToken);
                }

                if (careful.Count > 0)
                {
                    ReadRaw(table, careful, cancellationToken);
                    rows += Scalar($"SELECT COUNT(*) FROM {Raw(table)}", cancellationToken);
                }

                _read[table] = new TableInputStats(table.Name, files.Count, rows, 0);
            }
        }
        finally
        {
            // Nothing may still be reading the files when the source removes its staged copies.
            stopScreening.Cancel();
            Task.WaitAll([.. screening.Values.Select(task => task.ContinueWith(static task => _ = task.Exception, TaskScheduler.Default))]);
        }

        return Task.FromResult<IReadOnlyList<TableInputStats>>([.. _read.Values]);
    }

    public Task<ValidationReport> ValidateAsync(CancellationToken cancellationToken)
    {
        var stats = new List<TableInputStats>();
        var samples = new List<RejectSample>();
        var duplicates = new List<DuplicateKeys>();
        foreach (var table in _input.Files.Keys)
        {
            var files = _careful[table];
            if (files.Count == 0)
            {
                stats.Add(_read[table]);
            }
            else
            {
                Execute(RejectsSql(table), cancellationToken);
                Execute(CleanSql(table, addToPlain: files.Count < _input.Files[table].Count), cancellationToken);

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
            }

            if (!_uniqueKeys.Contains(table) && FindDuplicates(table, cancellationToken) is { } duplicate)
            {
                duplicates.Add(duplicate);
            }
        }

        return Task.FromResult(new ValidationReport(stats, samples, duplicates));
    }

    private const int MaxCarefulFilesLogged = 5;

    /// <summary>
    /// Reads every file's header (a missing column fails the run before anything is read), then screens the
    /// tables one after the other in the background: each table's task ends when its files are screened
    /// (every file careful when the fast path is off).
    /// </summary>
    private Dictionary<InputTable, Task<FileScreen[]>> StartScreening(CancellationToken cancellationToken)
    {
        var layouts = _input.Files.ToDictionary(
            pair => pair.Key,
            pair => pair.Value.Select(file => (Table: pair.Key, File: file, Layout: CsvHeaders.ReadLayout(pair.Key, file))).ToList());
        var tasks = layouts.Keys.ToDictionary(table => table, _ => new TaskCompletionSource<FileScreen[]>(TaskCreationOptions.RunContinuationsAsynchronously));
        var carefulLogged = 0;
        _ = Task.Run(
            () =>
            {
                foreach (var (table, files) in layouts)
                {
                    try
                    {
                        tasks[table].SetResult(Screen(table, files, ref carefulLogged, cancellationToken));
                    }
                    catch (Exception ex)
                    {
                        // This table and every one after it: the read stops at the first that fails.
                        foreach (var rest in tasks.Values.Where(task => !task.Task.IsCompleted))
                        {
                            rest.SetException(ex);
                        }

                        return;
                    }
                }
            },
            CancellationToken.None);
        return tasks.ToDictionary(pair => pair.Key, pair => pair.Value.Task);
    }

    /// <summary>Screens one table's files; logs how many are plain, and why the first few careful files of the read are not.</summary>
    private FileScreen[] Screen(InputTable table, List<(InputTable Table, InputFile File, HeaderLayout Layout)> files, ref int carefulLogged, CancellationToken cancellationToken)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var screens = _fastPath
            ? FileScreening.ScreenAll(files, cancellationToken).GetValueOrDefault(table, [])
            : [.. files.Select(file => new FileScreen(file.File, file.Layout, Plain: false, 0, "the fast path is off"))];

        // Why a file was not plain is the first thing to look at when a run is slower than expected.
        foreach (var screen in screens.Where(screen => !screen.Plain && _fastPath))
        {
            if (carefulLogged++ < MaxCarefulFilesLogged)
            {
                _logger.LogInformation("read: {File} is checked row by row: {Reason}", screen.File.Name, screen.NotPlainBecause);
            }
        }

        var careful = screens.Count(screen => !screen.Plain);
        _logger.LogInformation(
            "read: {Table}: {Plain} of {Files} file(s) plain (typed, parallel read), {Careful} checked row by row; screened in {Elapsed:F2}s",
            table.Name, files.Count - careful, files.Count, careful, System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalSeconds);
        return screens;
    }

    /// <summary>
    /// Reads plain files with DuckDB's typed, parallel CSV reader into the table's clean relation (files with the
    /// same header layout in one read) and returns the rows read, which must be the records screening counted.
    /// </summary>
    private long ReadPlain(InputTable table, IReadOnlyList<FileScreen> files, CancellationToken cancellationToken)
    {
        var reads = files.GroupBy(file => LayoutKey(file.Layout)).Select(group =>
        {
            var layout = group.First().Layout;
            var inputs = Sql.InputColumns(table, layout);
            var types = Enumerable.Range(0, layout.ColumnCount).Select(i => $"'c{i}': '{PlainReadType(table, layout, i)}'");
            var paths = string.Join(", ", group.Select(file => Literal(LiteralPath(file.File))));
            return $"SELECT {Sql.CleanColumnsTyped(table)} FROM (SELECT {inputs} FROM read_csv([{paths}], header = true, auto_detect = false, " +
                   $"columns = {{{string.Join(", ", types)}}}, delim = ',', quote = '\"', escape = '\"', " +
                   string.Create(CultureInfo.InvariantCulture, $"max_line_size = {InputRules.MaxRecordBytes}))");
        });
        var allFiles = files.Select(file => file.File).ToList();
        try
        {
            Execute($"CREATE OR REPLACE TEMP TABLE {table.Name} AS {string.Join(" UNION ALL ", reads)}", cancellationToken);
        }
        catch (DuckDBException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new InputException($"Table {table.Name}: {CsvError.Describe(ex.Message, allFiles, _readPaths)}", ex);
        }

        var rows = Scalar($"SELECT COUNT(*) FROM {table.Name}", cancellationToken);
        var screened = files.Sum(file => file.Records);
        return rows == screened
            ? rows
            : throw new InvalidOperationException($"Table {table.Name}: the typed read gave {rows} rows where screening counted {screened} records.");
    }

    /// <summary>The type the typed reader gives a column: the clean column's type for integers and decimals, text otherwise.</summary>
    private static string PlainReadType(InputTable table, HeaderLayout layout, int position)
    {
        var clean = table.Clean.FirstOrDefault(column => layout.Positions.TryGetValue(column.From, out var at) && at == position);
        return clean?.How switch
        {
            Conversion.Integer => "BIGINT",
            Conversion.Decimal => string.Create(CultureInfo.InvariantCulture, $"DECIMAL({InputRules.DecimalPrecision}, {InputRules.DecimalScale})"),
            _ => "VARCHAR",
        };
    }

    private static string LayoutKey(HeaderLayout layout) =>
        string.Create(CultureInfo.InvariantCulture, $"{layout.ColumnCount}:{string.Join(',', layout.Positions.OrderBy(pair => pair.Key, StringComparer.Ordinal).Select(pair => $"{pair.Key}={pair.Value}"))}");

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
