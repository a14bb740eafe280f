using System.Globalization;
using DuckDB.NET.Data;
using Kpi.Pipeline.Contract;
using Kpi.Pipeline.Engine.DuckDb.Screening;
using Kpi.Pipeline.Sources;
using Kpi.Shared.Runs;

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

                // A file neither path can read as written fails the run before anything of the table is read.
                CsvSyntax.RequireReadable(table, careful, cancellationToken);
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
        // The clean relation's row order means nothing (the KPIs aggregate; duplicate keys are grouped), so the
        // parallel reader need not put its chunks back in the files' order. Only for this read: the careful path
        // numbers its records in the order they are read.
        Execute("SET preserve_insertion_order = false", cancellationToken);
        try
        {
            Execute($"CREATE OR REPLACE TEMP TABLE {table.Name} AS {string.Join(" UNION ALL ", reads)}", cancellationToken);
        }
        catch (DuckDBException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new InputException($"Table {table.Name}: {CsvError.Describe(ex.Message, allFiles, _readPaths)}", ex);
        }
        finally
        {
            Execute("RESET preserve_insertion_order", CancellationToken.None);
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
}
