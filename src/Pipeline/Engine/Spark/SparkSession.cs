using System.Globalization;
using Kpi.Pipeline.Contract;
using Kpi.Pipeline.Engine.Sql;
using Kpi.Pipeline.Sources;
using Kpi.Shared.Kpis;
using Kpi.Shared.Runs;

namespace Kpi.Pipeline.Engine.Spark;

/// <summary>
/// One run on Spark: temporary views in the client's own Spark session (gone when it ends). Each part file is
/// declared as CSV with an all-string schema bound by position, one extra column catching rows with more
/// fields than the header; the contract's rules then run as Spark SQL, and only counts, samples and the KPI
/// rows come back.
/// </summary>
internal sealed partial class SparkSession(SparkConnectClient spark, InputSet input) : IKpiSession
{
    private static readonly ContractSql Sql = new(SparkDialect.Instance);

    private readonly Dictionary<InputTable, TableInputStats> _read = [];

    public async Task<IReadOnlyList<TableInputStats>> ReadAsync(CancellationToken cancellationToken)
    {
        _read.Clear();
        foreach (var (table, files) in input.Files)
        {
            await DeclareRawAsync(table, files, cancellationToken);
            // The pass that counts the rows also finds the records that fail the run (over 1 MB, not UTF-8).
            var counts = (await spark.QueryAsync($"SELECT COUNT(*), COUNT(unreadable) FROM {Raw(table)}", cancellationToken)).Rows[0];
            if (Long(counts[1]) > 0)
            {
                await FailOnFirstUnreadableAsync(table, files, cancellationToken);
            }

            _read[table] = new TableInputStats(table.Name, files.Count, Long(counts[0]), 0);
        }

        return [.. _read.Values];
    }

    public async Task<ValidationReport> ValidateAsync(CancellationToken cancellationToken)
    {
        var stats = new List<TableInputStats>();
        var samples = new List<RejectSample>();
        var duplicates = new List<DuplicateKeys>();
        foreach (var (table, files) in input.Files)
        {
            await spark.ExecuteAsync(CheckedSql(table), cancellationToken);

            // Kept on the cluster (memory, then disk): otherwise every later query would parse the CSV files again.
            await spark.ExecuteAsync($"CACHE TABLE {Checked(table)}", cancellationToken);
            await spark.ExecuteAsync(
                $"CREATE OR REPLACE TEMPORARY VIEW {table.Name} AS SELECT {Sql.CleanColumns(table)} FROM {Checked(table)} WHERE reason IS NULL",
                cancellationToken);
            // A rejected record counts once for every physical line it spans (a quote left open swallows lines).
            var counts = (await spark.QueryAsync(
                $"SELECT COUNT(*), CAST(COALESCE(SUM(lines), 0) AS BIGINT) FROM {Checked(table)} WHERE reason IS NOT NULL", cancellationToken)).Rows[0];
            var (records, lines) = (Long(counts[0]), Long(counts[1]));
            var read = _read[table];
            stats.Add(read with { RowsRead = read.RowsRead + lines - records, RowsRejected = lines });
            if (records > 0)
            {
                samples.AddRange(await SamplesAsync(table, files, cancellationToken));
            }

            if (await FindDuplicatesAsync(table, cancellationToken) is { } duplicate)
            {
                duplicates.Add(duplicate);
            }
        }

        return new ValidationReport(stats, samples, duplicates);
    }

    public async Task<KpiResult> ComputeAsync(CancellationToken cancellationToken)
    {
        var category = await spark.QueryAsync(KpiQueries.CategoryKpis, cancellationToken);
        var orders = await spark.QueryAsync(KpiQueries.OrderKpis, cancellationToken);
        List<OrderKpi> orderKpis = [.. orders.Rows.Select(row => new OrderKpi(Date(row[0]), Long(row[1]), Exact(row[2]), Long(row[3]), (double)row[4]!, Long(row[5])))];
        var items = await spark.ScalarAsync(KpiQueries.ItemCount, cancellationToken);
        return new KpiResult(
            [.. category.Rows.Select(row => new CategoryKpi((string)row[0]!, Date(row[1]), Exact(row[2]), (double)row[3]!, (double)row[4]!))],
            orderKpis,
            KpiQueries.UnknownProductItems(items, category.Rows.Select(row => Long(row[5]))),
            KpiQueries.UnknownOrderItems(items, orderKpis));
    }

    public async ValueTask DisposeAsync()
    {
        // Best effort: the cluster also frees a session's views when the session expires.
        using var release = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try
        {
            foreach (var table in input.Files.Keys)
            {
                await spark.ExecuteAsync($"UNCACHE TABLE IF EXISTS {Checked(table)}", release.Token);
            }
        }
        catch (Exception ex) when (ex is SparkException or OperationCanceledException)
        {
        }

        await spark.DisposeAsync();
    }

    /// <summary>
    /// The reasons are computed once per row; the rejected rows and the clean relation are the two sides of
    /// <c>reason IS NULL</c>, so no row identity is needed to tell them apart.
    /// </summary>
    private static string CheckedSql(InputTable table)
    {
        var reject = Sql.Reject(table);
        return $"CREATE OR REPLACE TEMPORARY VIEW {Checked(table)} AS " +
               $"SELECT *, {reject.ColumnName} AS column_name, {reject.Value} AS value, {reject.Reason} AS reason " +
               $"FROM (SELECT *, {reject.Checks} FROM {Raw(table)}) AS t";
    }

    private async Task<List<RejectSample>> SamplesAsync(InputTable table, IReadOnlyList<InputFile> files, CancellationToken cancellationToken)
    {
        var result = await spark.QueryAsync(
            $"SELECT file_id, rec, column_name, value, reason FROM {Checked(table)} WHERE reason IS NOT NULL " +
            $"ORDER BY file_id, rec LIMIT {InputRules.MaxSamplesPerTable}",
            cancellationToken);
        var rows = result.Rows.Select(row => (File: (int)Long(row[0]), Record: RecordInFile(Long(row[1])), Column: (string)row[2]!, Value: (string?)row[3], Reason: (string)row[4]!))
            .ToList();

        var lines = FindLines(files, rows.Select(row => (row.File, row.Record)));
        return [.. rows.Select(row => new RejectSample(
            table.Name, files[row.File].Name, lines.GetValueOrDefault((row.File, row.Record)), row.Column, InputRules.SampleValue(row.Value), row.Reason))];
    }

    /// <summary>
    /// Spark has no line numbers: for a file that is also on this machine they are found from the record's
    /// position; for a file only the cluster reads (S3) the line stays unknown (absent, never a made-up one).
    /// </summary>
    private static Dictionary<(int File, long Record), long?> FindLines(IReadOnlyList<InputFile> files, IEnumerable<(int File, long Record)> records) =>
        records.GroupBy(record => record.File)
            .Where(group => files[group.Key].LocalPath is not null)
            .SelectMany(group => CsvHeaders.FindLines(files[group.Key].LocalPath!, [.. group.Select(record => record.Record)])
                .Select(found => (Key: (group.Key, found.Key), Line: (long?)found.Value)))
            .ToDictionary(found => found.Key, found => found.Line);

    /// <summary>
    /// monotonically_increasing_id() is the partition index in the upper bits and the row's position in its
    /// partition in the lower 33; a part file read with multiLine is one partition, so the lower bits are the
    /// record's position in its file (0 = first after the header).
    /// </summary>
    private static long RecordInFile(long id) => (id & ((1L << 33) - 1)) + 1;

    private async Task<DuplicateKeys?> FindDuplicatesAsync(InputTable table, CancellationToken cancellationToken)
    {
        var key = Identifier(table.Key);
        var result = await spark.QueryAsync(
            $"SELECT CAST({key} AS STRING), COUNT(*) OVER () FROM {table.Name} GROUP BY {key} HAVING COUNT(*) > 1 " +
            $"ORDER BY {key} LIMIT {InputRules.MaxDuplicateKeysListed}",
            cancellationToken);
        return result.Rows.Count == 0
            ? null
            : new DuplicateKeys(table.Name, table.Key, Long(result.Rows[0][1]), [.. result.Rows.Select(row => (string)row[0]!)]);
    }

    private static DateOnly Date(object? text) => Kpi.Shared.Storage.KpiItems.ParseDate((string)text!);

    /// <summary>
    /// Spark's DECIMAL(p, 6) sums arrive at scale 6 (1570.000000); the DuckDB engine's come without trailing
    /// zeros (1570), and a DynamoDB number is written as the decimal's text: the same value, the same bytes.
    /// </summary>
    private static decimal Exact(object? value) => (decimal)value! / 1.000000000000000000000000000000000m;

    private static long Long(object? value) => Convert.ToInt64(value, CultureInfo.InvariantCulture);

    private static string Raw(InputTable table) => $"raw_{table.Name}";

    private static string Checked(InputTable table) => $"checked_{table.Name}";

    private static string Literal(string text) => Sql.Dialect.Literal(text);

    private static string Identifier(string name) => Sql.Dialect.Identifier(name);
}
