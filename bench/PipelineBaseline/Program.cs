using System.Diagnostics;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using DuckDB.NET.Data;
using Kpi.Pipeline.Contract;
using Kpi.Pipeline.Engine.DuckDb.Screening;
using Kpi.Pipeline.Sources;
using Kpi.Shared.Kpis;
using Kpi.Shared.Storage;

// baseline <folder> <rows-out> [unordered]: the pipeline's KPI SQL over typed read_csv, no validation; DuckDB's
// defaults, or with "unordered" preserve_insertion_order off for the reads, as the pipeline reads plain files.
// screen <folder>: the fast path's screening alone, one file at a time on one thread, then per row.
// stored <category-table> <order-table> <rows-out>: the KPI rows a run wrote to DynamoDB (endpoint from the SDK's chain).
// Both write each KPI row as the DynamoDB item it becomes, one line per row, sorted, so the two files compare byte for byte.
return args switch
{
    ["baseline", var folder, var output] => Baseline(folder, output, ordered: true),
    ["baseline", var folder, var output, "unordered"] => Baseline(folder, output, ordered: false),
    ["screen", var folder] => await ScreenAsync(folder),
    ["stored", var categoryTable, var orderTable, var output] => await StoredAsync(categoryTable, orderTable, output),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: PipelineBaseline baseline <folder> <rows-out> [unordered] | screen <folder> | stored <category-table> <order-table> <rows-out>");
    return 2;
}

static int Baseline(string folder, string output, bool ordered)
{
    using var connection = new DuckDBConnection("DataSource=:memory:");
    connection.Open();
    if (!ordered)
    {
        Execute(connection, "SET preserve_insertion_order = false");
    }

    var watch = Stopwatch.StartNew();
    Execute(connection, $"""
        CREATE TABLE orders AS SELECT order_id, user_id, substr(created_at, 1, 10) AS order_date
        FROM {TypedCsv(folder, "orders", new() { ["order_id"] = "BIGINT", ["user_id"] = "BIGINT" })};
        CREATE TABLE order_items AS SELECT id, order_id, product_id, COALESCE(lower(trim(status)) = 'returned', false) AS returned,
               substr(created_at, 1, 10) AS order_date, sale_price
        FROM {TypedCsv(folder, "order_items", new() { ["id"] = "BIGINT", ["order_id"] = "BIGINT", ["product_id"] = "BIGINT", ["sale_price"] = "DECIMAL(18, 6)" })};
        CREATE TABLE products AS SELECT id, trim(category) AS category
        FROM {TypedCsv(folder, "products", new() { ["id"] = "BIGINT" })};
        """);
    var read = watch.Elapsed;
    Execute(connection, "RESET preserve_insertion_order");
    var lines = new List<string>();
    using (var reader = Reader(connection, KpiQueries.CategoryKpis))
    {
        while (reader.Read())
        {
            var kpi = new CategoryKpi(reader.GetString(0), KpiItems.ParseDate(reader.GetString(1)), reader.GetDecimal(2), reader.GetDouble(3), reader.GetDouble(4));
            lines.Add(Line(KpiItems.ToItem(kpi, "", "")));
        }
    }

    using (var reader = Reader(connection, KpiQueries.OrderKpis))
    {
        while (reader.Read())
        {
            var kpi = new OrderKpi(KpiItems.ParseDate(reader.GetString(0)), reader.GetInt64(1), reader.GetDecimal(2), reader.GetInt64(3), reader.GetDouble(4), reader.GetInt64(5));
            lines.Add(Line(KpiItems.ToItem(kpi, "", "")));
        }
    }

    Console.Error.WriteLine($"baseline: read {read.TotalSeconds:F2} s, compute {(watch.Elapsed - read).TotalSeconds:F2} s, {lines.Count} KPI rows");
    Write(output, lines);
    return 0;
}

static async Task<int> ScreenAsync(string folder)
{
    var input = await new LocalFolderSource(folder).DiscoverAsync(stageLocally: true, CancellationToken.None);
    foreach (var (table, files) in input.Files)
    {
        var watch = Stopwatch.StartNew();
        var rows = 0L;
        foreach (var file in files)
        {
            var screen = FileScreening.Screen(table, file, CsvHeaders.ReadLayout(table, file), CancellationToken.None);
            rows += screen.Plain ? screen.Records : throw new InvalidOperationException($"{file.Name} is not plain: {screen.NotPlainBecause}");
        }

        Console.WriteLine($"screen {table.Name}: {rows:N0} rows in {files.Count} file(s), {watch.Elapsed.TotalSeconds:F2} s on one thread, {watch.Elapsed.TotalNanoseconds / rows:F0} ns a row");
    }

    var all = Stopwatch.StartNew();
    var process = Process.GetCurrentProcess();
    var cpu = process.TotalProcessorTime;
    foreach (var (table, files) in input.Files)
    {
        FileScreening.ScreenAll(table, [.. files.Select(file => (file, CsvHeaders.ReadLayout(table, file)))], CancellationToken.None);
    }

    process.Refresh();
    Console.WriteLine($"screen all: {all.Elapsed.TotalSeconds:F2} s on {Environment.ProcessorCount} threads, {(process.TotalProcessorTime - cpu).TotalSeconds:F2} s CPU");

    return 0;
}

static async Task<int> StoredAsync(string categoryTable, string orderTable, string output)
{
    using var client = new AmazonDynamoDBClient();
    var lines = new List<string>();
    foreach (var table in new[] { categoryTable, orderTable })
    {
        Dictionary<string, AttributeValue>? start = null;
        do
        {
            var page = await client.ScanAsync(new ScanRequest { TableName = table, ExclusiveStartKey = start });
            lines.AddRange(page.Items.Select(item => table == categoryTable
                ? Line(KpiItems.ToItem(KpiItems.ToCategoryKpi(item), "", ""))
                : Line(KpiItems.ToItem(KpiItems.ToOrderKpi(item), "", ""))));
            start = page.LastEvaluatedKey is { Count: > 0 } last ? last : null;
        }
        while (start is not null);
    }

    Write(output, lines);
    return 0;
}

// Every column as text except the typed ones, so a value in the wrong form fails the read (no sniffing).
static string TypedCsv(string folder, string table, Dictionary<string, string> types)
{
    var first = Directory.EnumerateFiles(folder, $"{table}*.csv", SearchOption.AllDirectories).Order().First();
    var header = File.ReadLines(first).First().Split(',');
    var columns = string.Join(", ", header.Select(name => $"'{name}': '{types.GetValueOrDefault(name, "VARCHAR")}'"));
    return $"read_csv('{folder}/**/{table}*.csv', header = true, auto_detect = false, columns = {{{columns}}}, quote = '\"', escape = '\"')";
}

static void Execute(DuckDBConnection connection, string sql)
{
    using var command = connection.CreateCommand();
    command.CommandText = sql;
    command.ExecuteNonQuery();
}

static DuckDBDataReader Reader(DuckDBConnection connection, string sql)
{
    var command = connection.CreateCommand();
    command.CommandText = sql;
    return command.ExecuteReader();
}

static string Line(Dictionary<string, AttributeValue> item) =>
    string.Join('\t', item.Where(pair => pair.Key is not (KpiAttributes.RunId or KpiAttributes.ComputedAt))
        .OrderBy(pair => pair.Key, StringComparer.Ordinal)
        .Select(pair => $"{pair.Key}={pair.Value.S ?? pair.Value.N}"));

static void Write(string output, List<string> lines)
{
    lines.Sort(StringComparer.Ordinal);
    File.WriteAllLines(output, lines);
}
