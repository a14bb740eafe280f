using System.Text.Json;
using System.Text.RegularExpressions;
using Kpi.Pipeline.Contract;
using Kpi.Pipeline.Engine;
using Kpi.Pipeline.Engine.DuckDb;
using Kpi.Pipeline.Engine.DuckDb.Screening;

namespace Kpi.Pipeline.Tests.Engine.DuckDb;

/// <summary>
/// Edge values, valid and not, through both paths: a file in its plain form is read by the typed reader, any other
/// by the careful path, and either way the run sees the same rows, rejects and KPIs. Speed never loosens a rule.
/// </summary>
public sealed class FastPathAgreementTests
{
    private const string Orders = "order_id,user_id,created_at\n1,10,2024-03-20T09:00:00\n2,11,2024-03-21T09:00:00\n";
    private const string ItemsHeader = "id,order_id,product_id,status,created_at,sale_price\n";
    private const string OtherItem = "1,2,2,delivered,2024-03-21T09:00:00,1\n";

    public static TheoryData<string, string, bool> Items => new()
    {
        // column, value, plain
        { "sale_price", "10", true }, { "sale_price", "10.5", true }, { "sale_price", "-0.5", true },
        { "sale_price", "0.000001", true }, { "sale_price", "999999999999.999999", true }, { "sale_price", "007.50", true },
        { "sale_price", "+10", false }, { "sale_price", ".5", false }, { "sale_price", "5.", false }, { "sale_price", " 10", false },
        { "sale_price", "1e3", false }, { "sale_price", "1.1234567", false }, { "sale_price", "1234567890123", false },
        { "sale_price", "0x10", false }, { "sale_price", "1_000", false }, { "sale_price", "\"12.5\"", true },
        { "id", "007", true }, { "id", "-3", true }, { "id", "999999999999999999", true }, { "id", "+3", false },
        { "id", " 3 ", false }, { "id", "1000000000000000000", false }, { "id", "1.0", false }, { "id", "", false },
        { "product_id", "0x1", false }, { "product_id", "1_0", false }, { "product_id", "1e0", false },
        { "created_at", "2024-03-20 09:00:00", true }, { "created_at", "2024-03-20T09:00:00.123456789", true },
        { "created_at", "2024-03-20T23:59:59Z", true }, { "created_at", "2024-03-20T23:59:59-08:00", true },
        { "created_at", "2024-02-29T00:00:00", true }, { "created_at", "0001-01-01T00:00:00", true },
        { "created_at", "9999-12-31T23:59:59+14:00", true }, { "created_at", "2023-02-29T00:00:00", false },
        { "created_at", "2024-03-20T24:00:00", false }, { "created_at", "2024-03-20T09:00:60", false },
        { "created_at", "2024-03-20T09:00:00+24:00", false }, { "created_at", "2024-03-20", false },
        { "created_at", " 2024-03-20T09:00:00", false }, { "created_at", "0000-12-31T09:00:00", false },
        { "created_at", "2024-03-20T09:00:00.", false }, { "created_at", "2024-3-20T09:00:00", false },
        { "created_at", "20x4-03-20T09:00:00", false }, { "created_at", "x024-03-20T09:00:00", false },
        { "created_at", "2024-03-20T0x:00:00", false }, { "created_at", "2024-03-20T09:00:00+0x:00", false },
        { "created_at", "1999-12-31T23:59:59", true }, { "created_at", "2024-12-31T09:00:00Zx", false },
        { "status", "returned", true }, { "status", "RETURNED", true }, { "status", " Returned ", true },
        { "status", "", true }, { "status", "\"returned\"", true }, { "status", "\"\"", true },
    };

    public static TheoryData<string, bool> Categories => new()
    {
        { "Beauty", true }, { "\"Home, Garden\"", true }, { "Électronique", true }, { new string('é', 1024), true },
        { " Beauty", false }, { "Beauty\t", false }, { "\u00a0Beauty", false }, { "", false }, { "\"\"", false },
        { new string('é', 1025), false }, { new string('x', 2048), true }, { new string('x', 2049), false },
    };

    [Theory]
    [MemberData(nameof(Items))]
    public async Task An_item_value_gives_the_same_run_on_both_paths(string column, string value, bool plain)
    {
        var fields = new Dictionary<string, string>
        {
            ["id"] = "2", ["order_id"] = "1", ["product_id"] = "1", ["status"] = "delivered", ["created_at"] = "2024-03-20T09:00:00", ["sale_price"] = "10",
        };
        fields[column] = value;
        var item = string.Join(',', ItemsHeader.TrimEnd().Split(',').Select(name => fields[name]));

        await AssertSameOnBothPaths(Orders, ItemsHeader + OtherItem + item + "\n", Fixture.Products, InputTable.OrderItems, column, value, plain);
    }

    [Theory]
    [MemberData(nameof(Categories))]
    public async Task A_category_gives_the_same_run_on_both_paths(string category, bool plain)
    {
        var products = $"id,category\n1,{category}\n2,Books\n";

        await AssertSameOnBothPaths(Orders, ItemsHeader + OtherItem + "2,1,1,delivered,2024-03-20T09:00:00,10\n", products, InputTable.Products, "category", category, plain);
    }

    [Theory]
    [InlineData("1 2 2", "", true)]
    [InlineData("3 1 3", "", true)]
    [InlineData("1 2 3", "3 4 5", true)]
    [InlineData("7", "007", true)]
    [InlineData("1 2 3", "1 2 3", true)]
    [InlineData("4 5 6", "1 2 3", false)]
    [InlineData("3 2 1", "6 5 4", false)]
    [InlineData("-3 -2", "-1 0", false)]
    [InlineData("-3 -1", "-1", true)]
    [InlineData("-12 -11", "12", false)]
    public async Task Duplicate_keys_are_found_however_the_files_order_them(string first, string second, bool duplicated)
    {
        static string Items(string ids) => ItemsHeader + string.Concat(ids.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(id => $"{id},1,1,delivered,2024-03-20T09:00:00,10\n"));
        using var folder = Fixture.Write(Orders, Items(first), Fixture.Products);
        folder.Write("order_items/order_items_part2.csv", Items(second));

        var fast = await EngineHarness.RunAsync(new DuckDbEngine(), folder.Path);
        var careful = await EngineHarness.RunAsync(new DuckDbEngine { FastPath = false }, folder.Path);

        Assert.Equal(Json(careful.Report), Json(fast.Report));
        Assert.Equal(duplicated, fast.Report.Duplicates.Any(d => d.Table == "order_items"));
    }

    [Fact]
    public async Task A_table_with_plain_and_careful_files_counts_rejects_and_lines_as_the_careful_path_does()
    {
        using var folder = Fixture.Write(Orders, ItemsHeader + OtherItem + "2,1,1,returned,2024-03-20T09:00:00,10\n", Fixture.Products);
        folder.Write("order_items/order_items_part2.csv", ItemsHeader + "3,1,2,delivered,2024-03-20T09:00:00,+5\n4,1,2,x,2024-03-20T09:00:00,1e3\n");

        var fast = await RunOnBothPathsAsync(folder.Path);

        var items = fast.Report.Tables.Single(t => t.Table == "order_items");
        Assert.Equal((4L, 1L), (items.RowsRead, items.RowsRejected));
        var sample = Assert.Single(fast.Report.RejectSamples);
        Assert.Equal(("sale_price", 3L, "1e3"), (sample.Column, sample.Line, sample.Value));
        Assert.EndsWith("order_items_part2.csv", sample.File);
        Assert.Equal(5m, fast.Kpis.CategoryKpis.Single(k => k.Category == "Books" && k.OrderDate == new DateOnly(2024, 3, 20)).DailyRevenue);
    }

    // LF and CRLF are the contract's line ends. The typed reader failed the whole run on a file that screening had
    // passed with both kinds of line end, where the careful path reads its records.
    [Theory]
    [InlineData("\r\n", "\r\n", "\r\n", true)]
    [InlineData("\n", "\n", "\n", true)]
    [InlineData("\r\n", "\n", "\r\n", false)]
    [InlineData("\n", "\r\n", "\n", false)]
    public async Task A_line_end_gives_the_same_run_on_both_paths(string header, string first, string second, bool plain)
    {
        var orders = $"order_id,user_id,created_at{header}1,10,2024-03-20T09:00:00{first}2,11,2024-03-21T09:00:00{second}";
        using var folder = Fixture.Write(orders, ItemsHeader + OtherItem, Fixture.Products);
        var screen = Fixture.Screen(InputTable.Orders, Path.Combine(folder.Path, "orders", "orders_part1.csv"));

        var fast = await RunOnBothPathsAsync(folder.Path);

        Assert.Equal(plain, screen.Plain);
        var read = fast.Report.Tables.Single(t => t.Table == "orders");
        Assert.Equal((2L, 0L), (read.RowsRead, read.RowsRejected));
        Assert.Equal(2, fast.Kpis.OrderKpis.Sum(kpi => kpi.TotalOrders));
    }

    // A lone carriage return is no line end, and DuckDB reads the record after it without its first value: both
    // paths fail the run naming the file and line. Inside quotes it is a field's text.
    [Theory]
    [InlineData("1,10,2024-03-20T09:00:00\r2,11,2024-03-21T09:00:00\r\n", 2)]
    [InlineData("1,10,2024-03-20T09:00:00\r\n2,11,2024-03-21T09:00:00\r", 3)]
    [InlineData("1,10,2024-03-20T09:00:00\n\"2\",11,\"2024-03-21T09:00:00\"\n3,12,2024-03-21T09:00:00\r\r\n", 4)]
    [InlineData("1,1\"0,2024-03-20T09:00:00\r\n\"2\"\"\",11,\"2024-03-21\nT09\"\r\n3,12,2024-03-21T09:00:00\r4,13,x\r\n", 5)]
    public async Task A_lone_carriage_return_fails_the_run_on_both_paths_naming_its_line(string rows, long line)
    {
        using var folder = Fixture.Write("order_id,user_id,created_at\r\n" + rows, ItemsHeader + OtherItem, Fixture.Products);

        await AssertBothPathsFailAsync(folder.Path, $"^Table orders: cannot parse .*orders_part1\\.csv line {line}: a carriage return without a line feed after it");
    }

    // A quoted field still open at the end of the file: DuckDB's lenient reader ended the field there and the lines
    // it swallowed, fewer than the record limit, were lost without a reject. Both paths fail naming where it opened.
    [Theory]
    [InlineData("2,\"11,2024-03-21T09:00:00\n3,12,2024-03-21T09:00:00\n", 3, "column user_id")]
    [InlineData("2,11,2024-03-21T09:00:00,\"x\n3,12,2024-03-21T09:00:00,y\n4,13,2024-03-21T09:00:00,z", 3, "field 4")]
    [InlineData("2,11, \"2024-03-21T09:00:00\"\"\n", 3, "column created_at")]
    public async Task A_quote_never_closed_fails_the_run_on_both_paths_naming_where_it_opened(string rows, long line, string column)
    {
        using var folder = Fixture.Write("order_id,user_id,created_at\n1,10,2024-03-20T09:00:00\n" + rows, ItemsHeader + OtherItem, Fixture.Products);

        await AssertBothPathsFailAsync(folder.Path, $"^Table orders: cannot parse .*orders_part1\\.csv line {line}, {Regex.Escape(column)}: a quoted field opens here and is never closed");
    }

    // A record past Sep's 16 MB buffer (a quote never closed in a big file, a file with no line break) stopped
    // screening with Sep's own error; now it takes the careful path, which names the file and line.
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_record_longer_than_screenings_buffer_fails_the_run_on_both_paths_naming_its_line(bool quoted)
    {
        var huge = new string('x', 17 * 1024 * 1024);
        var row = quoted ? $"2,\"{huge}\n3,12,2024-03-21T09:00:00\n" : $"2,{huge},2024-03-21T09:00:00\n3,12,2024-03-21T09:00:00\n";
        using var folder = Fixture.Write("order_id,user_id,created_at\n1,10,2024-03-20T09:00:00\n" + row, ItemsHeader + OtherItem, Fixture.Products);

        await AssertBothPathsFailAsync(folder.Path, "^Table orders: .*orders_part1\\.csv line 3\\b");
    }

    // DuckDB's lenient reader drops what follows a field's closing quote ("11"5 came back as 11): both paths fail
    // the run naming the file, line and column. Spaces there are allowed: values are trimmed.
    [Theory]
    [InlineData("2,\"11\"5,2024-03-21T09:00:00\n", 3, "column user_id")]
    [InlineData("2,11,\"2024-03-21T09:00:00\"x\n", 3, "column created_at")]
    [InlineData("2,\"1\n1\"\"\"x,2024-03-21T09:00:00\n", 4, "column user_id")]
    [InlineData("2,11,2024-03-21T09:00:00,\"x\"y\n", 3, "field 4")]
    [InlineData("2, \"11\"5,2024-03-21T09:00:00\n", 3, "column user_id")]
    public async Task Text_after_a_closing_quote_fails_the_run_on_both_paths_naming_its_line_and_column(string row, long line, string column)
    {
        using var folder = Fixture.Write("order_id,user_id,created_at\n1,10,2024-03-20T09:00:00\n" + row, ItemsHeader + OtherItem, Fixture.Products);

        await AssertBothPathsFailAsync(folder.Path, $"^Table orders: cannot parse .*orders_part1\\.csv line {line}, {Regex.Escape(column)}: text after the closing quote");
    }

    // DuckDB 1.5 opens a quoted field at a field's start or after one space there, and not after two: the scan
    // for lone carriage returns and text after a closing quote follows it.
    [Theory]
    [InlineData(" \"in\rtransit\"", true)]
    [InlineData("  \"in\rtransit\"", false)]
    public async Task A_quote_after_spaces_opens_a_quoted_field_where_duckdb_opens_one(string note, bool quoted)
    {
        using var folder = Fixture.Write(
            $"order_id,user_id,created_at,note\n1,10,2024-03-20T09:00:00,x\n2,11,2024-03-21T09:00:00,{note}\n", ItemsHeader + OtherItem, Fixture.Products);

        if (quoted)
        {
            var read = (await RunOnBothPathsAsync(folder.Path)).Report.Tables.Single(t => t.Table == "orders");
            Assert.Equal((2L, 0L), (read.RowsRead, read.RowsRejected));
            return;
        }

        await AssertBothPathsFailAsync(folder.Path, "^Table orders: cannot parse .*orders_part1\\.csv line 3: a carriage return without a line feed");
    }

    [Fact]
    public async Task After_two_spaces_a_quote_is_text_and_the_value_is_checked_as_written()
    {
        using var folder = Fixture.Write("order_id,user_id,created_at\n1,10,2024-03-20T09:00:00\n2,  \"11\"5,2024-03-21T09:00:00\n", ItemsHeader + OtherItem, Fixture.Products);

        var fast = await RunOnBothPathsAsync(folder.Path);

        var sample = Assert.Single(fast.Report.RejectSamples);
        Assert.Equal(("user_id", 3L, "  \"11\"5"), (sample.Column, sample.Line, sample.Value));
    }

    // Quotes read as DuckDB reads them: a byte order mark before a quoted header, a quote after one space, and
    // spaces after a closing quote (values are trimmed).
    [Theory]
    [InlineData("\uFEFF\"order_id\",\"user_id\",\"created_at\"\r\n1,10,2024-03-20T09:00:00\r\n\"2\", \"11\",2024-03-21T09:00:00\r\n")]
    [InlineData("order_id,user_id,created_at\n1,10,2024-03-20T09:00:00\n2,\"11\"  ,2024-03-21T09:00:00\n")]
    public async Task Quotes_the_contract_reads_give_the_same_rows_on_both_paths(string orders)
    {
        using var folder = Fixture.Write(orders, ItemsHeader + OtherItem, Fixture.Products);

        var fast = await RunOnBothPathsAsync(folder.Path);

        var read = fast.Report.Tables.Single(t => t.Table == "orders");
        Assert.Equal((2L, 0L), (read.RowsRead, read.RowsRejected));
        Assert.Equal(2, fast.Kpis.OrderKpis.Sum(kpi => kpi.UniqueCustomers));
    }

    [Fact]
    public async Task A_carriage_return_inside_quotes_is_text_on_both_paths()
    {
        using var folder = Fixture.Write(Orders, ItemsHeader + "1,2,2,\"in\rtransit\",2024-03-21T09:00:00,1\n", Fixture.Products);

        var fast = await RunOnBothPathsAsync(folder.Path);

        var items = fast.Report.Tables.Single(t => t.Table == "order_items");
        Assert.Equal((1L, 0L), (items.RowsRead, items.RowsRejected));
    }

    [Fact]
    public async Task Plain_files_with_lf_and_with_crlf_line_ends_are_read_together()
    {
        using var folder = Fixture.Write("order_id,user_id,created_at\n1,10,2024-03-20T09:00:00\n", ItemsHeader + OtherItem, Fixture.Products);
        folder.Write("orders/orders_part2.csv", "order_id,user_id,created_at\r\n2,11,2024-03-21T09:00:00\r\n3,12,2024-03-21T10:00:00\r\n");
        var screens = new[] { "orders_part1.csv", "orders_part2.csv" }.Select(name => Fixture.Screen(InputTable.Orders, Path.Combine(folder.Path, "orders", name)));

        var fast = await RunOnBothPathsAsync(folder.Path);

        Assert.All(screens, screen => Assert.True(screen.Plain, screen.NotPlainBecause));
        var read = fast.Report.Tables.Single(t => t.Table == "orders");
        Assert.Equal((3L, 0L), (read.RowsRead, read.RowsRejected));
        Assert.Equal([1L, 2L], fast.Kpis.OrderKpis.Select(kpi => kpi.TotalOrders));
    }

    private static async Task AssertSameOnBothPaths(string orders, string items, string products, InputTable table, string column, string value, bool plain)
    {
        var unquoted = value.Length >= 2 && value[0] == '"' && value[^1] == '"' ? value[1..^1] : value;
        Assert.Equal(plain, PlainForms.IsPlain(table.Columns.Single(c => c.Name == column), unquoted));
        using var folder = Fixture.Write(orders, items, products);

        var fast = await RunOnBothPathsAsync(folder.Path);

        Assert.Equal(2, fast.Report.Tables.Single(t => t.Table == table.Name).RowsRead);
        if (plain)
        {
            Assert.Empty(fast.Report.RejectSamples);
        }
    }

    /// <summary>Runs the folder on the fast path and on the careful path alone; both must fail the run with a message matching the pattern.</summary>
    private static async Task AssertBothPathsFailAsync(string folder, string messagePattern)
    {
        foreach (var engine in new[] { new DuckDbEngine(), new DuckDbEngine { FastPath = false } })
        {
            var error = await Assert.ThrowsAsync<InputException>(() => EngineHarness.RunAsync(engine, folder));

            Assert.Matches(messagePattern, error.Message);
        }
    }

    /// <summary>Runs the folder on the fast path and on the careful path alone; both must give the same report and KPIs.</summary>
    private static async Task<(ValidationReport Report, KpiResult Kpis)> RunOnBothPathsAsync(string folder)
    {
        var fast = await EngineHarness.RunAsync(new DuckDbEngine(), folder);
        var careful = await EngineHarness.RunAsync(new DuckDbEngine { FastPath = false }, folder);

        Assert.Equal(Json(careful.Report), Json(fast.Report));
        Assert.Equal(Json(careful.Kpis), Json(fast.Kpis));
        return fast;
    }

    private static string Json<T>(T value) => JsonSerializer.Serialize(value);
}
