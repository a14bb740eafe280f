using Kpi.Pipeline.Tests.Engine;
using Kpi.Shared.Kpis;
using Kpi.Shared.Runs;
using Kpi.Shared.Storage;
using Kpi.TestSupport;

namespace Kpi.Pipeline.Tests.Cli;

/// <summary>The <c>run</c> command end to end: CSV folder → pipeline process → DynamoDB Local → items read back.</summary>
[Trait(PublishedPipeline.Trait, PublishedPipeline.TraitValue)]
public sealed class RunCommandTests(DynamoDbLocal dynamo)
{
    private const string Orders = "order_id,user_id,created_at\n1,10,2024-03-20T09:00:00\n2,11,2024-03-20T10:00:00\n3,11,2024-03-21T10:00:00\n";

    private const string Items = "id,order_id,product_id,status,created_at,sale_price\n" +
        "1,1,1,returned,2024-03-20T09:00:00,10.10\n2,2,2,delivered,2024-03-20T10:00:00,20.20\n3,3,1,delivered,2024-03-21T10:00:00,30.30\n";

    [Fact]
    public async Task Run_writes_the_kpis_and_a_succeeded_run_record()
    {
        using var folder = Fixture.Write(Orders, Items);
        var tables = await dynamo.CreateTablesAsync();

        var (exitCode, output) = await PipelineProcess.RunAsync(
            dynamo, ["run", "--source", folder.Path, "--run-id", "run-1", .. PipelineProcess.TableArguments(tables)]);

        Assert.True(exitCode == 0, output);
        using var client = dynamo.CreateClient();
        var store = new DynamoKpiStore(client, tables);
        var category = (await store.ReadCategoryKpisAsync(CancellationToken.None)).OrderBy(k => k.Category).ThenBy(k => k.OrderDate);
        Assert.Equal(
            [
                new CategoryKpi("Beauty", new(2024, 3, 20), 10.10m, 10.10, 1.0),
                new CategoryKpi("Beauty", new(2024, 3, 21), 30.30m, 30.30, 0.0),
                new CategoryKpi("Books", new(2024, 3, 20), 20.20m, 20.20, 0.0),
            ],
            category);
        var orders = (await store.ReadOrderKpisAsync(CancellationToken.None)).OrderBy(k => k.OrderDate);
        Assert.Equal(
            [new OrderKpi(new(2024, 3, 20), 2, 30.30m, 2, 0.5, 2), new OrderKpi(new(2024, 3, 21), 1, 30.30m, 1, 0.0, 1)],
            orders);

        var run = await new DynamoRunStore(client, tables).GetAsync("run-1", CancellationToken.None);
        Assert.NotNull(run);
        Assert.Equal(RunStatus.Succeeded, run.Status);
        Assert.Equal((3L, 2L, "duckdb", folder.Path), (run.CategoryRowsWritten, run.OrderRowsWritten, run.Engine, run.Source));
        Assert.Equal([("orders", 3L, 0L), ("order_items", 3L, 0L), ("products", 2L, 0L)], run.Tables.Select(t => (t.Table, t.RowsRead, t.RowsRejected)));
        Assert.NotNull(run.FinishedAt);
        Assert.Contains("write: 3 item(s) to " + tables.CategoryTable, output);
        Assert.Matches(@"(?m)^\d{2}:\d{2}:\d{2} Run run-1 started: source ", output);
    }

    [Fact]
    public async Task Show_prints_both_tables_and_the_last_run()
    {
        using var folder = Fixture.Write(Orders, Items);
        var tables = await dynamo.CreateTablesAsync();
        Assert.Equal(0, (await PipelineProcess.RunAsync(dynamo, ["run", "--source", folder.Path, "--run-id", "shown", .. PipelineProcess.TableArguments(tables)])).ExitCode);

        var (exitCode, output) = await PipelineProcess.RunAsync(dynamo, ["show", .. PipelineProcess.TableArguments(tables)]);

        Assert.Equal(0, exitCode);
        Assert.Contains($"{tables.CategoryTable} (3 items) at {dynamo.Endpoint}", output);
        var words = System.Text.RegularExpressions.Regex.Replace(output, "[ ]+", " ");
        Assert.Contains("Books 2024-03-20 20.20 20.2000 0.0000", words);
        Assert.Contains("2024-03-20 2 30.30 2 0.5000 2", words);
        Assert.Contains("Last successful run shown finished", output);
    }

    [Fact]
    public async Task A_rerun_on_the_same_input_gives_the_same_items()
    {
        using var folder = Fixture.Write(Orders, Items);
        var tables = await dynamo.CreateTablesAsync();
        using var client = dynamo.CreateClient();
        var store = new DynamoKpiStore(client, tables);

        Assert.Equal(0, (await PipelineProcess.RunAsync(dynamo, ["run", "--source", folder.Path, .. PipelineProcess.TableArguments(tables)])).ExitCode);
        var first = await store.ReadCategoryKpisAsync(CancellationToken.None);
        Assert.Equal(0, (await PipelineProcess.RunAsync(dynamo, ["run", "--source", folder.Path, .. PipelineProcess.TableArguments(tables)])).ExitCode);
        var second = await store.ReadCategoryKpisAsync(CancellationToken.None);

        Assert.Equal(first.OrderBy(k => k.Category).ThenBy(k => k.OrderDate), second.OrderBy(k => k.Category).ThenBy(k => k.OrderDate));
        Assert.Equal(2, (await new DynamoRunStore(client, tables).ListLatestAsync(20, CancellationToken.None)).Count);
    }

    [Fact]
    public async Task Invalid_input_exits_2_writes_no_kpis_and_records_the_failure()
    {
        using var folder = Fixture.Write(Orders.Replace("2,11,", "2,eleven,", StringComparison.Ordinal), Items);
        var tables = await dynamo.CreateTablesAsync();

        var (exitCode, output) = await PipelineProcess.RunAsync(
            dynamo, ["run", "--source", folder.Path, "--run-id", "bad-1", .. PipelineProcess.TableArguments(tables)]);

        Assert.True(exitCode == 2, output);
        Assert.Contains("orders_part1.csv line 3, column user_id: not an integer (value: 'eleven')", output);
        using var client = dynamo.CreateClient();
        var store = new DynamoKpiStore(client, tables);
        Assert.Empty(await store.ReadCategoryKpisAsync(CancellationToken.None));
        Assert.Empty(await store.ReadOrderKpisAsync(CancellationToken.None));
        var run = await new DynamoRunStore(client, tables).GetAsync("bad-1", CancellationToken.None);
        Assert.Equal(RunStatus.Failed, run!.Status);
        Assert.Contains("rows rejected", run.Error);
        var sample = Assert.Single(run.RejectSamples);
        Assert.Equal(("orders", 3L, "user_id", "eleven"), (sample.Table, sample.Line, sample.Column, sample.Value));
    }

    [Fact]
    public async Task Create_tables_creates_what_is_missing()
    {
        using var folder = Fixture.Write(Orders, Items);
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var tables = new KpiTableOptions { CategoryTable = $"c_{suffix}", OrderTable = $"o_{suffix}", RunsTable = $"r_{suffix}" };

        var withoutFlag = await PipelineProcess.RunAsync(dynamo, ["run", "--source", folder.Path, .. PipelineProcess.TableArguments(tables)]);
        var withFlag = await PipelineProcess.RunAsync(dynamo, ["run", "--source", folder.Path, "--create-tables", .. PipelineProcess.TableArguments(tables)]);

        Assert.Equal(1, withoutFlag.ExitCode);
        Assert.Contains("Could not save the record of run", withoutFlag.Output);
        Assert.Contains("run once with --create-tables", withoutFlag.Output);
        Assert.True(withFlag.ExitCode == 0, withFlag.Output);
    }

    [Fact]
    public async Task The_create_tables_flag_wins_over_its_variable_either_way_and_a_bad_variable_is_named()
    {
        using var folder = Fixture.Write(Orders, Items);
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var tables = new KpiTableOptions { CategoryTable = $"c_{suffix}", OrderTable = $"o_{suffix}", RunsTable = $"r_{suffix}" };
        var environment = new Dictionary<string, string>(dynamo.Environment) { ["KPI_CREATE_TABLES"] = "true" };

        var off = await PipelineProcess.RunAsync(environment, ["run", "--source", folder.Path, "--create-tables", "false", .. PipelineProcess.TableArguments(tables)]);
        environment["KPI_CREATE_TABLES"] = "yes";
        var invalid = await PipelineProcess.RunAsync(environment, ["run", "--source", folder.Path, .. PipelineProcess.TableArguments(tables)]);

        Assert.True(off.ExitCode == 1, off.Output);
        Assert.Contains("run once with --create-tables", off.Output);
        Assert.True(invalid.ExitCode == 2, invalid.Output);
        Assert.Contains("--create-tables [KPI_CREATE_TABLES] must be true or false (or 1 or 0), got 'yes'.", invalid.Output);
    }

    [Theory]
    [InlineData("--orders", "abc", "Cannot parse argument 'abc' for option '--orders'")]
    [InlineData("--orders", "99999999999999", "Cannot parse argument '99999999999999' for option '--orders'")]
    [InlineData("--orders", "0", "--orders must be a positive number.")]
    [InlineData("--rows-per-file", "abc", "Cannot parse argument 'abc' for option '--rows-per-file'")]
    [InlineData("--days", "4000000", "--days must be from 1 to 36500.")]
    public async Task Generate_with_a_bad_option_exits_2_naming_it_without_a_stack_trace(string option, string value, string message)
    {
        using var folder = new TempFolder();
        string[] orders = option == "--orders" ? [] : ["--orders", "10"];

        var (exitCode, output) = await PipelineProcess.RunAsync(dynamo, ["generate", "--out", folder.Path, .. orders, option, value]);

        Assert.True(exitCode == 2, output);
        Assert.Contains(message, output);
        Assert.DoesNotContain("   at ", output);
    }

    [Fact]
    public async Task Generate_refuses_a_folder_that_is_not_empty_or_a_file()
    {
        using var folder = Fixture.Write(Orders, Items);
        using var file = new TempFolder();
        var notAFolder = file.Write("file.txt", "x");

        var existing = await PipelineProcess.RunAsync(dynamo, ["generate", "--out", folder.Path, "--orders", "10"]);
        var aFile = await PipelineProcess.RunAsync(dynamo, ["generate", "--out", notAFolder, "--orders", "10"]);

        Assert.True(existing.ExitCode == 2, existing.Output);
        Assert.Contains($"generate: {folder.Path} is not empty; give a new or empty folder", existing.Output);
        Assert.Equal(Orders, await File.ReadAllTextAsync(Path.Combine(folder.Path, "orders", "orders_part1.csv"), TestContext.Current.CancellationToken));
        Assert.True(aFile.ExitCode == 2, aFile.Output);
        Assert.Contains($"generate: {notAFolder} is a file; give a new or empty folder", aFile.Output);
    }

    [Fact]
    public async Task Generate_writes_part_files_that_run_reads_without_a_reject()
    {
        using var folder = new TempFolder();
        var tables = await dynamo.CreateTablesAsync();

        var generated = await PipelineProcess.RunAsync(
            dynamo, ["generate", "--out", folder.Path, "--orders", "250", "--rows-per-file", "100", "--seed", "3"]);

        Assert.True(generated.ExitCode == 0, generated.Output);
        Assert.StartsWith("Wrote 250 orders", generated.Output);
        Assert.Equal(3, Directory.GetFiles(Path.Combine(folder.Path, "orders"), "*.csv").Length);
        var (exitCode, output) = await PipelineProcess.RunAsync(
            dynamo, ["run", "--source", folder.Path, "--run-id", "generated", .. PipelineProcess.TableArguments(tables)]);
        Assert.True(exitCode == 0, output);
        using var client = dynamo.CreateClient();
        var run = await new DynamoRunStore(client, tables).GetAsync("generated", CancellationToken.None);
        Assert.Equal(RunStatus.Succeeded, run!.Status);
        Assert.Equal((250L, 0L), (run.Tables.Single(t => t.Table == "orders").RowsRead, run.Tables.Sum(t => t.RowsRejected)));
    }

    [Fact]
    public async Task Show_with_an_invalid_table_name_exits_2_naming_it()
    {
        var (exitCode, output) = await PipelineProcess.RunAsync(dynamo, "show", "--order-table", "a");

        Assert.True(exitCode == 2, output);
        Assert.Contains("Invalid setting: --order-table [ORDER_KPIS_TABLE]: ORDER_KPIS_TABLE must be a DynamoDB table name", output);
    }

    [Fact]
    public async Task Show_writes_a_category_with_escape_sequences_and_a_line_break_escaped()
    {
        using var folder = Fixture.Write(Orders, Items, "id,category\n1,\"\u001b]0;PWNED\u0007Bo\noks\u001b[1A\"\n2,Toys\n");
        var tables = await dynamo.CreateTablesAsync();
        var run = await PipelineProcess.RunAsync(dynamo, ["run", "--source", folder.Path, .. PipelineProcess.TableArguments(tables)]);
        Assert.True(run.ExitCode == 0, run.Output);

        var (exitCode, output) = await PipelineProcess.RunAsync(dynamo, ["show", .. PipelineProcess.TableArguments(tables)]);

        Assert.Equal(0, exitCode);
        Assert.DoesNotContain('\u001b', output);
        Assert.DoesNotContain('\u0007', output);
        Assert.Contains("\\u001b]0;PWNED\\u0007Bo\\u000aoks\\u001b[1A", output);
    }

    [Fact]
    public async Task A_rejected_value_with_terminal_escape_sequences_is_logged_escaped()
    {
        using var folder = Fixture.Write(Orders + "4,\u001b]0;PWNED\u0007\u001b[2K,2024-03-21T10:00:00\n", Items);
        var tables = await dynamo.CreateTablesAsync();

        var (exitCode, output) = await PipelineProcess.RunAsync(new Dictionary<string, string>(dynamo.Environment), ["run", "--source", folder.Path, "--max-rejected-ratio", "0.5", .. PipelineProcess.TableArguments(tables)]);

        Assert.True(exitCode == 0, output);
        Assert.DoesNotContain('\u001b', output);
        Assert.DoesNotContain('\u0007', output);
        Assert.Contains("(value: '\\u001b]0;PWNED\\u0007\\u001b[2K')", output);
    }

    [Fact]
    public async Task A_source_that_is_a_file_exits_2_saying_so()
    {
        using var folder = Fixture.Write(Orders, Items);
        var tables = await dynamo.CreateTablesAsync();

        var (exitCode, output) = await PipelineProcess.RunAsync(
            new Dictionary<string, string>(dynamo.Environment), ["run", "--source", Path.Combine(folder.Path, "products.csv"), .. PipelineProcess.TableArguments(tables)]);

        Assert.True(exitCode == 2, output);
        Assert.Contains("products.csv' is a file: give the folder that holds orders/, order_items/ and products/", output);
    }

    [Theory]
    [InlineData("--max-rejected-ratio", "2", "--max-rejected-ratio [KPI_MAX_REJECTED_RATIO] must be a number between 0 and 1 (a point for decimals), got 2.")]
    [InlineData("--max-rejected-ratio", "0,5", "--max-rejected-ratio [KPI_MAX_REJECTED_RATIO] must be a number between 0 and 1 (a point for decimals), got '0,5'.")]
    [InlineData("--order-table", "category_kpis_table", "--category-table [CATEGORY_KPIS_TABLE] and --order-table [ORDER_KPIS_TABLE] name the same table 'category_kpis_table'")]
    [InlineData("--engine", "oracle", "--engine [KPI_ENGINE] must be one of duckdb, spark, got 'oracle'")]
    [InlineData("--category-table", "a", "--category-table [CATEGORY_KPIS_TABLE]")]
    public async Task Invalid_settings_exit_2_naming_the_setting(string flag, string value, string message)
    {
        var (exitCode, output) = await PipelineProcess.RunAsync(dynamo, "run", "--source", "/nowhere", flag, value);

        Assert.Equal(2, exitCode);
        Assert.Contains(message, output);
    }

    [Fact]
    public async Task An_unknown_log_format_exits_2_naming_it_with_its_value_escaped()
    {
        var environment = new Dictionary<string, string>(dynamo.Environment) { ["KPI_LOG_FORMAT"] = "jsn\u001b[2J" };

        var (exitCode, output) = await PipelineProcess.RunAsync(environment, ["run", "--source", "/nowhere"]);

        Assert.True(exitCode == 2, output);
        Assert.DoesNotContain('\u001b', output);
        Assert.Contains("Invalid setting: KPI_LOG_FORMAT must be json (one JSON object a line) or text (the progress report, also when unset), got 'jsn\\u001b[2J'.", output);
        Assert.DoesNotContain("   at ", output);
    }

    [Fact]
    public async Task Settings_come_from_the_environment_and_flags_win()
    {
        using var folder = Fixture.Write(Orders, Items);
        var tables = await dynamo.CreateTablesAsync();
        var environment = new Dictionary<string, string>(dynamo.Environment)
        {
            ["KPI_SOURCE"] = "/does/not/exist",
            ["CATEGORY_KPIS_TABLE"] = tables.CategoryTable,
            ["ORDER_KPIS_TABLE"] = tables.OrderTable,
            ["KPI_RUNS_TABLE"] = tables.RunsTable,
            ["KPI_RUN_ID"] = "from-env",
            ["KPI_LOG_FORMAT"] = "json",
        };
        var (fileName, arguments) = PipelineProcess.Command("run", "--source", folder.Path);
        await using var process = new LocalProcess(fileName, arguments, environment);

        Assert.Equal(0, await process.WaitAsync(TimeSpan.FromMinutes(2)));
        Assert.All(
            process.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries),
            line => Assert.Equal(System.Text.Json.JsonValueKind.Object, System.Text.Json.JsonDocument.Parse(line).RootElement.ValueKind));
        using var client = dynamo.CreateClient();
        Assert.NotNull(await new DynamoRunStore(client, tables).GetAsync("from-env", CancellationToken.None));
    }
}
