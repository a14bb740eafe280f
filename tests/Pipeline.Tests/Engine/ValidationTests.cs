using Kpi.Pipeline.Contract;
using Kpi.Pipeline.Engine;
using Kpi.Pipeline.Running;
using Kpi.Pipeline.Sources;
using Kpi.TestSupport;

namespace Kpi.Pipeline.Tests.Engine;

/// <summary>The input contract, for every engine: rejected rows, their samples, the ratio, missing columns and duplicate keys.</summary>
public abstract class ValidationTests
{
    /// <summary>The engine under test: each engine runs this suite through a small derived class.</summary>
    private protected abstract IKpiEngine Engine { get; }

    private const string Items = "id,order_id,product_id,status,created_at,sale_price\n1,1,1,delivered,2024-03-20T09:00:00,10\n";

    [Theory]
    [InlineData("x1", "user_id", "not an integer")]
    [InlineData("1.0", "user_id", "not an integer")]
    [InlineData("", "user_id", "missing value")]
    [InlineData("\t7", "user_id", "not an integer")] // values are trimmed of spaces only
    public async Task A_bad_integer_is_rejected_with_file_line_column_value_and_reason(string userId, string column, string reason)
    {
        using var folder = Fixture.Write($"order_id,user_id,created_at\n1,10,2024-03-20T09:00:00\n2,{userId},2024-03-20T09:00:00\n", Items);

        var (report, kpis) = await EngineHarness.RunAsync(Engine, folder.Path);

        var orders = report.Tables.Single(t => t.Table == "orders");
        Assert.Equal((2L, 1L), (orders.RowsRead, orders.RowsRejected));
        var sample = Assert.Single(report.RejectSamples);
        Assert.Equal(("orders", 3L, column, reason), (sample.Table, sample.Line, sample.Column, sample.Reason));
        Assert.EndsWith("orders_part1.csv", sample.File);
        Assert.Equal(userId.Length == 0 ? null : userId, sample.Value);
        Assert.Equal(1, Assert.Single(kpis.OrderKpis).TotalOrders);
    }

    // Long files of two header layouts, each with rejects: every sample names its own file and physical line.
    [Fact]
    public async Task Rejects_in_several_long_files_of_two_layouts_name_each_file_and_line()
    {
        static string Item(long id, string status = "delivered", string price = "10") => $"{id},1,1,{status},2024-03-20T09:00:00,{price}\n";
        var part1 = new System.Text.StringBuilder(Items);
        var part2 = new System.Text.StringBuilder("sale_price,id,order_id,product_id,status,created_at\n");
        var part3 = new System.Text.StringBuilder("id,order_id,product_id,status,created_at,sale_price\n");
        for (var i = 1; i <= 3_000; i++)
        {
            part1.Append(Item(10_000 + i, price: i == 2_499 ? "x" : "10"));
            part2.Append(i == 6 ? "1e3" : "10").Append($",{20_000 + i},1,1,delivered,2024-03-20T09:00:00\n");
            part3.Append(Item(30_000 + i, status: i == 100 ? "\"in\ntransit\"" : "delivered", price: i is 1 or 3_000 ? "-" : "10"));
        }

        using var folder = Fixture.Write("order_id,user_id,created_at\n1,10,2024-03-20T09:00:00\n", part1.ToString());
        folder.Write("order_items/order_items_part2.csv", part2.ToString());
        folder.Write("order_items/order_items_part3.csv", part3.ToString());

        var (report, kpis) = await EngineHarness.RunAsync(Engine, folder.Path);

        var items = report.Tables.Single(t => t.Table == "order_items");
        Assert.Equal((9_001L, 4L), (items.RowsRead, items.RowsRejected));
        Assert.Equal(
            [("order_items_part1.csv", 2_501L, "sale_price", "x"), ("order_items_part2.csv", 7L, "sale_price", "1e3"),
             ("order_items_part3.csv", 2L, "sale_price", "-"), ("order_items_part3.csv", 3_002L, "sale_price", "-")],
            report.RejectSamples.Select(sample => (Path.GetFileName(sample.File), sample.Line, sample.Column, sample.Value)));
        Assert.Equal(10m * 8_997, kpis.CategoryKpis.Sum(kpi => kpi.DailyRevenue));
    }

    [Theory]
    [InlineData("2024-03-20", "created_at")]
    [InlineData("2024-02-30T09:00:00", "created_at")]
    [InlineData("2024-03-20T25:00:00", "created_at")]
    [InlineData("20/03/2024 09:00:00", "created_at")]
    [InlineData("2024-03-20T09:00:00+2", "created_at")]
    public async Task Timestamps_outside_the_iso_form_are_rejected(string createdAt, string column)
    {
        using var folder = Fixture.Write($"order_id,user_id,created_at\n1,10,{createdAt}\n", Items);

        var (report, _) = await EngineHarness.RunAsync(Engine, folder.Path);

        var sample = Assert.Single(report.RejectSamples);
        Assert.Equal((column, createdAt), (sample.Column, sample.Value));
        Assert.StartsWith("not an ISO 8601 timestamp", sample.Reason);
    }

    [Theory]
    [InlineData("1e3")]
    [InlineData("12,5")]
    [InlineData("abc")]
    [InlineData("1.1234567")]
    [InlineData("1234567890123")]
    public async Task Sale_prices_that_are_not_plain_decimals_are_rejected(string price)
    {
        using var folder = Fixture.Write(
            "order_id,user_id,created_at\n1,10,2024-03-20T09:00:00\n",
            $"id,order_id,product_id,status,created_at,sale_price\n1,1,1,delivered,2024-03-20T09:00:00,\"{price}\"\n");

        var (report, _) = await EngineHarness.RunAsync(Engine, folder.Path);

        var sample = Assert.Single(report.RejectSamples);
        Assert.Equal(("order_items", "sale_price", price), (sample.Table, sample.Column, sample.Value));
    }

    [Fact]
    public async Task Empty_category_and_extra_fields_are_rejected()
    {
        using var folder = Fixture.Write(
            "order_id,user_id,created_at\n1,10,2024-03-20T09:00:00,surplus\n",
            Items,
            "id,category\n1,Beauty\n2,  \n");

        var (report, _) = await EngineHarness.RunAsync(Engine, folder.Path);

        Assert.Contains(report.RejectSamples, s => s is { Table: "products", Column: "category", Reason: "empty", Line: 3 });
        Assert.Contains(report.RejectSamples, s => s is { Table: "orders", Column: "(row)", Value: "surplus", Reason: "more fields than the header" });
    }

    [Fact]
    public async Task Reject_lines_are_physical_lines_even_after_quoted_newlines()
    {
        using var folder = Fixture.Write(
            "order_id,user_id,created_at\n1,10,2024-03-20T09:00:00\n",
            "id,order_id,product_id,status,created_at,sale_price\n" +
            "1,1,1,\"multi\nline\nstatus\",2024-03-20T09:00:00,10\n" +
            "2,1,1,delivered,2024-03-20T09:00:00,ten\n");

        var (report, _) = await EngineHarness.RunAsync(Engine, folder.Path);

        Assert.Equal(5, Assert.Single(report.RejectSamples).Line);
    }

    [Fact]
    public async Task Reject_lines_count_blank_lines_too()
    {
        using var folder = Fixture.Write("order_id,user_id,created_at\n1,10,2024-03-20T09:00:00\n\n\r\n2,x,2024-03-20T09:00:00\n", Items);

        var (report, _) = await EngineHarness.RunAsync(Engine, folder.Path);

        Assert.Equal(5, Assert.Single(report.RejectSamples).Line);
    }

    [Fact]
    public async Task Rejected_rows_under_the_ratio_let_the_run_continue()
    {
        var orders = "order_id,user_id,created_at\n" + string.Concat(Enumerable.Range(1, 199).Select(i => $"{i},1,2024-03-20T09:00:00\n")) + "200,x,2024-03-20T09:00:00\n";
        using var folder = Fixture.Write(orders, Items);

        var (report, kpis) = await EngineHarness.RunAsync(Engine, folder.Path);

        InputPolicy.Enforce(report, maxRejectedRatio: 0.01);
        Assert.Equal(199, Assert.Single(kpis.OrderKpis).TotalOrders);
    }

    [Fact]
    public async Task Rejected_rows_over_the_ratio_fail_naming_table_file_line_and_column()
    {
        using var folder = Fixture.Write("order_id,user_id,created_at\n1,10,2024-03-20T09:00:00\n2,x,2024-03-20T09:00:00\n", Items);

        var (report, _) = await EngineHarness.RunAsync(Engine, folder.Path);

        var error = Assert.Throws<InputException>(() => InputPolicy.Enforce(report, maxRejectedRatio: 0.01));
        Assert.Contains("Table orders: 1 of 2 rows rejected", error.Message);
        Assert.Contains("orders_part1.csv line 3, column user_id: not an integer (value: 'x')", error.Message);
    }

    [Fact]
    public async Task Samples_stop_at_twenty_per_table_while_the_count_is_complete()
    {
        var orders = "order_id,user_id,created_at\n" + string.Concat(Enumerable.Range(1, 30).Select(i => $"{i},bad,2024-03-20T09:00:00\n"));
        using var folder = Fixture.Write(orders, Items);

        var (report, _) = await EngineHarness.RunAsync(Engine, folder.Path);

        Assert.Equal(30, report.Tables.Single(t => t.Table == "orders").RowsRejected);
        Assert.Equal(20, report.RejectSamples.Count);
        Assert.Equal(Enumerable.Range(2, 20).Select(i => (long?)i), report.RejectSamples.Select(s => s.Line));
    }

    [Fact]
    public async Task Duplicate_primary_keys_fail_listing_the_keys()
    {
        using var folder = Fixture.Write(
            "order_id,user_id,created_at\n1,10,2024-03-20T09:00:00\n",
            "id,order_id,product_id,status,created_at,sale_price\n7,1,1,delivered,2024-03-20T09:00:00,10\n7,1,1,delivered,2024-03-20T09:00:00,10\n",
            "id,category\n1,Beauty\n1,Books\n");

        var (report, _) = await EngineHarness.RunAsync(Engine, folder.Path);

        var error = Assert.Throws<InputException>(() => InputPolicy.Enforce(report, 0.01));
        Assert.Contains("Table order_items: 1 duplicated id value(s), e.g. 7.", error.Message);
        Assert.Contains("Table products: 1 duplicated id value(s), e.g. 1.", error.Message);
    }

    [Fact]
    public async Task A_missing_column_fails_naming_table_file_and_column()
    {
        using var folder = Fixture.Write("order_id,created_at\n1,2024-03-20T09:00:00\n", Items);

        var error = await Assert.ThrowsAsync<InputException>(() => EngineHarness.RunAsync(Engine, folder.Path));

        Assert.Contains("Table orders", error.Message);
        Assert.Contains("orders_part1.csv", error.Message);
        Assert.Contains("missing required column(s) user_id", error.Message);
    }

    [Fact]
    public async Task A_header_only_part_file_is_valid_and_adds_no_rows()
    {
        using var folder = Fixture.Write("order_id,user_id,created_at\n1,10,2024-03-20T09:00:00\n", Items);
        folder.Write("orders/orders_part2.csv", "order_id,user_id,created_at\n");

        var (report, _) = await EngineHarness.RunAsync(Engine, folder.Path);

        Assert.Equal((2, 1L), (report.Tables.Single(t => t.Table == "orders").Files, report.Tables.Single(t => t.Table == "orders").RowsRead));
    }

    [Fact]
    public async Task A_table_without_files_fails_naming_the_table_and_where_it_looked()
    {
        using var folder = new TempFolder();
        folder.Write("orders.csv", "order_id,user_id,created_at\n");
        folder.Write("products.csv", Fixture.Products);

        var error = await Assert.ThrowsAsync<InputException>(() => EngineHarness.RunAsync(Engine, folder.Path));

        Assert.Contains("Table order_items has no files", error.Message);
        Assert.Contains(Path.Combine(folder.Path, "order_items.csv"), error.Message);
    }

    /// <summary>Each engine words the reason itself (DuckDB's reader fails; Spark's reads U+FFFD, which the engine refuses).</summary>
    [Fact]
    public async Task A_file_that_is_not_utf8_fails_naming_file_line_and_reason()
    {
        using var folder = Fixture.Write("", Items);
        var path = Path.Combine(folder.Path, "orders", "orders_part1.csv");
        File.WriteAllBytes(path, [.. "order_id,user_id,created_at\n1,2,2024-01-01T00:00:00\n2,"u8, 0xFF, 0xFE, .. ",2024-01-01T00:00:00\n"u8]);

        var error = await Assert.ThrowsAsync<InputException>(() => EngineHarness.RunAsync(Engine, folder.Path));

        Assert.StartsWith($"Table orders: cannot parse {path} line 3: ", error.Message);
        Assert.EndsWith("This file is not utf-8 encoded.", error.Message);
    }

    [Fact]
    public async Task A_required_column_named_twice_fails_naming_the_file_and_column()
    {
        using var folder = Fixture.Write("order_id,user_id,created_at,ORDER_ID\n1,10,2024-03-20T09:00:00,2\n", Items);

        var error = await Assert.ThrowsAsync<InputException>(() => EngineHarness.RunAsync(Engine, folder.Path));

        Assert.Matches(@"^Table orders: .*orders_part1\.csv names required column\(s\) order_id more than once", error.Message);
    }

    [Theory]
    [InlineData("utf-16")]
    [InlineData("utf-16BE")]
    [InlineData("utf-32BE")]
    public async Task A_file_in_utf16_or_utf32_fails_naming_its_encoding(string encoding)
    {
        using var folder = Fixture.Write("order_id,user_id,created_at\n1,10,2024-03-20T09:00:00\n", Items);
        var text = System.Text.Encoding.GetEncoding(encoding);
        folder.Write("orders/wide.csv", [.. text.GetPreamble(), .. text.GetBytes("order_id,user_id,created_at\n2,11,2024-03-20T09:00:00\n")]);

        var error = await Assert.ThrowsAsync<InputException>(() => EngineHarness.RunAsync(Engine, folder.Path));

        Assert.Matches(@"^Table orders: .*wide\.csv is UTF-16 or UTF-32 \(it begins with that byte order mark\); the input must be UTF-8", error.Message);
    }

    [Fact]
    public async Task A_file_without_a_line_break_fails_naming_it_as_a_header_over_the_record_limit()
    {
        using var folder = Fixture.Write("order_id,user_id,created_at\n1,10,2024-03-20T09:00:00\n", Items);
        folder.Write("orders/zeros.csv", new string('0', 3 * InputRules.MaxRecordBytes));

        var error = await Assert.ThrowsAsync<InputException>(() => EngineHarness.RunAsync(Engine, folder.Path));

        Assert.Matches(@"^Table orders: cannot parse .*zeros\.csv line 1: the header row is longer than 1000000 bytes", error.Message);
    }

    [Fact]
    public async Task A_long_header_within_the_record_limit_is_read()
    {
        // 100 columns of 1,000-character names: a header of 100 KB, past the first block read.
        var padding = string.Join(',', Enumerable.Range(1, 100).Select(i => $"extra_{i}_{new string('x', 990)}"));
        using var folder = Fixture.Write($"order_id,user_id,{padding},created_at\n1,10{new string(',', 101)}2024-03-20T09:00:00\n", Items);

        var (report, _) = await EngineHarness.RunAsync(Engine, folder.Path);

        Assert.Equal((1L, 0L), (report.Tables.Single(t => t.Table == "orders").RowsRead, report.Tables.Single(t => t.Table == "orders").RowsRejected));
    }

    [Fact]
    public async Task An_empty_file_fails_as_having_no_header()
    {
        using var folder = Fixture.Write("", Items);

        var error = await Assert.ThrowsAsync<InputException>(() => EngineHarness.RunAsync(Engine, folder.Path));

        Assert.Contains("orders_part1.csv is empty", error.Message);
    }
    [Fact]
    public async Task A_quote_left_open_counts_every_line_it_swallows_and_fails_the_run_naming_where_it_began()
    {
        // 1,500 lines: the header, 1,499 orders; line 10 opens a quote that only the last line closes.
        var lines = new List<string> { "order_id,user_id,created_at" };
        lines.AddRange(Enumerable.Range(1, 1499).Select(i => i switch
        {
            9 => $"{i},\"{i},2024-03-20T09:00:00",
            1499 => $"{i},{i}\",2024-03-20T09:00:00",
            _ => $"{i},{i},2024-03-20T09:00:00",
        }));
        using var folder = Fixture.Write(string.Join('\n', lines) + "\n", Items);

        var (report, _) = await EngineHarness.RunAsync(Engine, folder.Path);

        var orders = report.Tables.Single(t => t.Table == "orders");
        Assert.Equal((1499L, 1491L), (orders.RowsRead, orders.RowsRejected));
        var sample = Assert.Single(report.RejectSamples);
        Assert.Equal((10L, "(row)"), (sample.Line, sample.Column));
        Assert.Contains("quoted field runs on", sample.Reason);
        var error = Assert.Throws<InputException>(() => InputPolicy.Enforce(report, maxRejectedRatio: 0.01));
        Assert.Contains("Table orders: 1491 of 1499 rows rejected", error.Message);
    }

    [Fact]
    public async Task A_quote_left_open_in_an_ignored_last_column_is_caught_although_every_required_value_is_valid()
    {
        var lines = new List<string> { "order_id,user_id,created_at,note" };
        lines.AddRange(Enumerable.Range(1, 1199).Select(i => $"{i},{i},2024-03-20T09:00:00,{i switch { 4 => "\"oops", 1199 => "fine\"", _ => "fine" }}"));
        using var folder = Fixture.Write(string.Join('\n', lines) + "\n", Items);

        var (report, _) = await EngineHarness.RunAsync(Engine, folder.Path);

        Assert.Equal(1196L, report.Tables.Single(t => t.Table == "orders").RowsRejected);
        Assert.Equal(5L, Assert.Single(report.RejectSamples).Line);
        Assert.Throws<InputException>(() => InputPolicy.Enforce(report, maxRejectedRatio: 0.01));
    }

    [Fact]
    public async Task A_quoted_field_over_a_few_lines_is_still_one_row()
    {
        var status = string.Join('\n', Enumerable.Range(1, InputRules.MaxRecordLines - 1).Select(i => $"note {i}"));
        using var folder = Fixture.Write(
            "order_id,user_id,created_at\n1,10,2024-03-20T09:00:00\n",
            $"id,order_id,product_id,status,created_at,sale_price\n1,1,1,\"{status}\",2024-03-20T09:00:00,10\n");

        var (report, _) = await EngineHarness.RunAsync(Engine, folder.Path);

        Assert.Equal((1L, 0L), (report.Tables.Single(t => t.Table == "order_items").RowsRead, report.Tables.Single(t => t.Table == "order_items").RowsRejected));
    }

    [Fact]
    public async Task File_names_are_read_literally_not_as_patterns()
    {
        using var folder = Fixture.Write("order_id,user_id,created_at\n1,10,2024-03-20T09:00:00\n", Items);
        folder.Write("orders/p1.csv", "order_id,user_id,created_at\n2,10,2024-03-20T09:00:00\n");
        folder.Write("orders/p2.csv", "order_id,user_id,created_at\n3,10,2024-03-20T09:00:00\n");
        folder.Write("orders/p[12].csv", "order_id,user_id,created_at\n4,10,2024-03-20T09:00:00\n");
        folder.Write("orders/p*.csv", "order_id,user_id,created_at\n5,10,2024-03-20T09:00:00\n");
        folder.Write("orders/p?{1}.csv", "order_id,user_id,created_at\n6,10,2024-03-20T09:00:00\n");

        var (report, kpis) = await EngineHarness.RunAsync(Engine, folder.Path);

        InputPolicy.Enforce(report, 0.01);
        Assert.Equal((6, 6L), (report.Tables.Single(t => t.Table == "orders").Files, report.Tables.Single(t => t.Table == "orders").RowsRead));
        Assert.Equal(6, Assert.Single(kpis.OrderKpis).TotalOrders);
    }

    [Theory]
    [InlineData("0000-01-01T00:00:00")]
    [InlineData("0000-12-31 23:59:59Z")]
    public async Task Dates_before_year_1_are_rejected_with_the_accepted_range(string createdAt)
    {
        using var folder = Fixture.Write(
            "order_id,user_id,created_at\n1,10,2024-03-20T09:00:00\n",
            $"id,order_id,product_id,status,created_at,sale_price\n1,1,1,delivered,2024-03-20T09:00:00,10\n2,1,1,delivered,{createdAt},10\n");

        var (report, kpis) = await EngineHarness.RunAsync(Engine, folder.Path);

        var sample = Assert.Single(report.RejectSamples);
        Assert.Equal(("order_items", 3L, "created_at", createdAt, "date outside 0001-01-01..9999-12-31"), (sample.Table, sample.Line, sample.Column, sample.Value, sample.Reason));
        Assert.Equal(new DateOnly(2024, 3, 20), Assert.Single(kpis.CategoryKpis).OrderDate);
    }

    [Fact]
    public async Task The_first_and_last_accepted_dates_pass()
    {
        using var folder = Fixture.Write(
            "order_id,user_id,created_at\n1,10,0001-01-01T00:00:00\n2,10,9999-12-31T23:59:59+14:00\n",
            "id,order_id,product_id,status,created_at,sale_price\n1,1,1,delivered,0001-01-01T00:00:00,10\n");

        var (report, kpis) = await EngineHarness.RunAsync(Engine, folder.Path);

        Assert.Empty(report.RejectSamples);
        Assert.Equal([DateOnly.MinValue, DateOnly.MaxValue], kpis.OrderKpis.Select(k => k.OrderDate));
    }

    [Fact]
    public async Task A_category_over_dynamodbs_key_limit_is_rejected_and_one_at_the_limit_passes()
    {
        var atLimit = new string('€', 682) + "xx"; // 682 × 3 bytes + 2 = 2,048 bytes
        var overLimit = atLimit + "x";
        using var folder = Fixture.Write(
            "order_id,user_id,created_at\n1,10,2024-03-20T09:00:00\n",
            "id,order_id,product_id,status,created_at,sale_price\n1,1,1,delivered,2024-03-20T09:00:00,10\n2,1,2,delivered,2024-03-20T09:00:00,10\n",
            $"id,category\n1, {atLimit} \n2,{overLimit}\n");

        var (report, kpis) = await EngineHarness.RunAsync(Engine, folder.Path);

        var sample = Assert.Single(report.RejectSamples);
        Assert.Equal(("products", 3L, "category"), (sample.Table, sample.Line, sample.Column));
        Assert.Equal("longer than 2048 bytes (UTF-8), DynamoDB's key limit", sample.Reason);
        Assert.Equal(InputRules.MaxSampleValueLength + 1, sample.Value!.Length);
        Assert.Equal(atLimit, Assert.Single(kpis.CategoryKpis).Category);
    }

    [Fact]
    public async Task A_table_with_only_headers_fails_naming_it()
    {
        using var folder = Fixture.Write("order_id,user_id,created_at\n1,10,2024-03-20T09:00:00\n", "id,order_id,product_id,status,created_at,sale_price\r\n", "id,category\n");
        folder.Write("products/products_part2.csv", "id,category\n");

        var (report, _) = await EngineHarness.RunAsync(Engine, folder.Path);

        var error = Assert.Throws<InputException>(() => InputPolicy.Enforce(report, 0.01));
        Assert.Contains("Table order_items has no data rows: its 1 file(s) hold only a header.", error.Message);
        Assert.Contains("Table products has no data rows: its 2 file(s) hold only a header.", error.Message);
        Assert.DoesNotContain("Table orders", error.Message);
    }

    [Fact]
    public async Task A_link_to_a_system_file_names_the_columns_found_without_echoing_its_lines()
    {
        using var folder = Fixture.Write("", Items);
        var path = Path.Combine(folder.Path, "orders", "orders_part1.csv");
        File.Delete(path);
        var secret = folder.Write("secret.txt", "root:x:0:0:root:/root:/bin/bash,order_id,token=s3cr3t-value-that-must-not-leak,\n");
        File.CreateSymbolicLink(path, secret);

        var error = await Assert.ThrowsAsync<InputException>(() => EngineHarness.RunAsync(Engine, folder.Path));

        Assert.Contains("missing required column(s) user_id, created_at (columns found: order_id and 3 other(s) not shown)", error.Message);
        Assert.DoesNotContain("root:", error.Message);
        Assert.DoesNotContain("s3cr3t", error.Message);
    }
    [Fact]
    public async Task A_record_over_the_size_cap_fails_naming_file_and_line_without_echoing_it()
    {
        var swallowed = string.Concat(Enumerable.Range(1, 30_000).Select(i => $"{i},secret-{i},2024-03-20T09:00:00\n"));
        using var folder = Fixture.Write($"order_id,user_id,created_at\n1,10,2024-03-20T09:00:00\n2,\"unclosed\n{swallowed}", Items);

        var error = await Assert.ThrowsAsync<InputException>(() => EngineHarness.RunAsync(Engine, folder.Path));

        Assert.StartsWith("Table orders: cannot parse ", error.Message);
        Assert.Contains("orders_part1.csv line 3", error.Message);
        Assert.DoesNotContain("secret-", error.Message);
        Assert.True(error.Message.Length < 1000, error.Message);
    }
}
