using System.Text.Json;
using Amazon.DynamoDBv2.Model;
using Kpi.Pipeline.Engine.DuckDb;
using Kpi.Pipeline.Engine.Spark;
using Kpi.Pipeline.Generation;
using Kpi.Pipeline.Tests.Cli;
using Kpi.Shared.Kpis;
using Kpi.Shared.Runs;
using Kpi.Shared.Storage;
using Kpi.TestSupport;

namespace Kpi.Pipeline.Tests.Engine.Spark;

/// <summary>Both engines on the same generated data: the same validation, and the same KPI items byte for byte.</summary>
public sealed class SparkParityTests(SparkConnectTestServer server, DynamoDbLocal dynamo, S3rverLocal s3) : IClassFixture<SparkConnectTestServer>
{
    [Fact]
    public async Task Both_engines_give_identical_kpi_items_on_generated_data()
    {
        using var folder = new TempFolder();
        await DemoDataGenerator.WriteAsync(folder.Path, new GeneratorSettings(1_500, Seed: 11, RowsPerFile: 400), TestContext.Current.CancellationToken);

        var duck = await EngineHarness.RunAsync(new DuckDbEngine(), folder.Path);
        var spark = await EngineHarness.RunAsync(new SparkConnectEngine(server.ParsedRemote, TimeSpan.FromMinutes(1)), folder.Path);

        Assert.Equal(duck.Report.Tables, spark.Report.Tables);
        Assert.NotEmpty(duck.Kpis.CategoryKpis);
        Assert.Equal(Items(duck.Kpis), Items(spark.Kpis));
        Assert.Equal((duck.Kpis.UnknownProductItems, duck.Kpis.UnknownOrderItems), (spark.Kpis.UnknownProductItems, spark.Kpis.UnknownOrderItems));
    }

    [Fact]
    [Trait(PublishedPipeline.Trait, PublishedPipeline.TraitValue)]
    public async Task The_pipeline_with_engine_spark_writes_the_same_dynamodb_items_as_with_duckdb()
    {
        using var folder = new TempFolder();
        await DemoDataGenerator.WriteAsync(folder.Path, new GeneratorSettings(300, Seed: 5, RowsPerFile: 100), TestContext.Current.CancellationToken);
        var duckTables = await dynamo.CreateTablesAsync();
        var sparkTables = await dynamo.CreateTablesAsync();

        var duck = await PipelineProcess.RunAsync(dynamo, ["run", "--source", folder.Path, .. PipelineProcess.TableArguments(duckTables)]);
        var spark = await PipelineProcess.RunAsync(
            dynamo, ["run", "--source", folder.Path, "--engine", "spark", "--spark-remote", server.Remote, .. PipelineProcess.TableArguments(sparkTables)]);

        Assert.True(duck.ExitCode == 0, duck.Output);
        Assert.True(spark.ExitCode == 0, spark.Output);
        using var client = dynamo.CreateClient();
        Assert.Equal(await ScanAsync(client, duckTables.CategoryTable), await ScanAsync(client, sparkTables.CategoryTable));
        Assert.Equal(await ScanAsync(client, duckTables.OrderTable), await ScanAsync(client, sparkTables.OrderTable));
    }

    /// <summary>
    /// From S3 the cluster reads the objects itself (s3a://) and no line is known: the reject sample has none in the
    /// log or the run record, rather than a made-up one. Spark reads from s3rver here through the test server.
    /// </summary>
    [Fact]
    [Trait(PublishedPipeline.Trait, PublishedPipeline.TraitValue)]
    public async Task The_pipeline_with_engine_spark_over_s3_writes_the_same_items_and_reject_samples_without_a_line()
    {
        server.S3 = s3.CreateClient;
        using var folder = new TempFolder();
        await DemoDataGenerator.WriteAsync(folder.Path, new GeneratorSettings(200, Seed: 7, RowsPerFile: 100), TestContext.Current.CancellationToken);
        folder.Write("orders/orders_zbad.csv", "order_id,user_id,created_at\n900001,eleven,2025-03-01T09:00:00\n");
        var bucket = "kpi-spark-" + Guid.NewGuid().ToString("N")[..12];
        await s3.UploadFolderAsync(bucket, "Data/", folder.Path);
        var duckTables = await dynamo.CreateTablesAsync();
        var sparkTables = await dynamo.CreateTablesAsync();
        var environment = new Dictionary<string, string>(s3.Environment(dynamo)) { ["KPI_LOG_FORMAT"] = "json" };

        var duck = await PipelineProcess.RunAsync(environment, ["run", "--source", folder.Path, .. PipelineProcess.TableArguments(duckTables)]);
        var spark = await PipelineProcess.RunAsync(
            environment,
            ["run", "--source", $"s3://{bucket}/Data/", "--engine", "spark", "--spark-remote", server.Remote, "--run-id", "spark-s3", .. PipelineProcess.TableArguments(sparkTables)]);

        Assert.True(duck.ExitCode == 0, duck.Output);
        Assert.True(spark.ExitCode == 0, spark.Output);
        using var client = dynamo.CreateClient();
        Assert.Equal(await ScanAsync(client, duckTables.CategoryTable), await ScanAsync(client, sparkTables.CategoryTable));
        Assert.Equal(await ScanAsync(client, duckTables.OrderTable), await ScanAsync(client, sparkTables.OrderTable));

        var file = $"s3://{bucket}/Data/orders/orders_zbad.csv";
        var logged = spark.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => JsonDocument.Parse(line).RootElement)
            .Single(line => line.GetProperty("Message").GetString()!.StartsWith("rejected:", StringComparison.Ordinal));
        Assert.Equal($"rejected: orders: {file}, column user_id: not an integer (value: 'eleven')", logged.GetProperty("Message").GetString());
        Assert.Equal(file, logged.GetProperty("State").GetProperty("File").GetString());
        Assert.False(logged.GetProperty("State").TryGetProperty("Line", out _));

        var run = await new DynamoRunStore(client, sparkTables).GetAsync("spark-s3", TestContext.Current.CancellationToken);
        Assert.Equal(new RejectSample("orders", file, null, "user_id", "eleven", "not an integer"), Assert.Single(run!.RejectSamples));
        var item = await client.GetItemAsync(sparkTables.RunsTable, new() { [RunAttributes.RunId] = new AttributeValue("spark-s3") }, TestContext.Current.CancellationToken);
        Assert.DoesNotContain(RunAttributes.Line, Assert.Single(item.Item[RunAttributes.RejectSamples].L).M.Keys);
    }

    [Fact]
    [Trait(PublishedPipeline.Trait, PublishedPipeline.TraitValue)]
    public async Task Without_spark_remote_engine_spark_exits_2_naming_the_setting()
    {
        var (exitCode, output) = await PipelineProcess.RunAsync(dynamo, ["run", "--source", "/nowhere", "--engine", "spark"]);

        Assert.True(exitCode == 2, output);
        Assert.Contains("--spark-remote [SPARK_REMOTE] is required with --engine spark", output);
    }

    [Fact]
    [Trait(PublishedPipeline.Trait, PublishedPipeline.TraitValue)]
    public async Task A_bad_spark_remote_exits_2_naming_the_setting()
    {
        var environment = new Dictionary<string, string>(dynamo.Environment) { ["SPARK_REMOTE"] = "http://spark:15002" };

        var (exitCode, output) = await PipelineProcess.RunAsync(environment, ["run", "--source", "/nowhere", "--engine", "spark"]);

        Assert.True(exitCode == 2, output);
        Assert.Contains("Invalid setting: --spark-remote [SPARK_REMOTE] must start with sc://", output);
    }

    [Fact]
    [Trait(PublishedPipeline.Trait, PublishedPipeline.TraitValue)]
    public async Task An_unreachable_spark_exits_1_with_the_address_and_reason()
    {
        using var folder = Fixture.Write("order_id,user_id,created_at\n1,10,2024-03-20T09:00:00\n", "id,order_id,product_id,status,created_at,sale_price\n");
        var tables = await dynamo.CreateTablesAsync();

        var (exitCode, output) = await PipelineProcess.RunAsync(
            dynamo, ["run", "--source", folder.Path, "--engine", "spark", "--spark-remote", "sc://127.0.0.1:1", .. PipelineProcess.TableArguments(tables)]);

        Assert.True(exitCode == 1, output);
        Assert.Contains("Cannot reach Spark Connect at sc://127.0.0.1:1", output);
        Assert.Contains("refused", output, StringComparison.OrdinalIgnoreCase);
    }

    private static List<string> Items(Kpi.Pipeline.Engine.KpiResult kpis) =>
    [
        .. kpis.CategoryKpis.Select(kpi => Render(KpiItems.ToItem(kpi, "run", "at"))),
        .. kpis.OrderKpis.Select(kpi => Render(KpiItems.ToItem(kpi, "run", "at"))),
    ];

    /// <summary>A table's items without run_id and computed_at (which differ between the two runs), in key order.</summary>
    private static async Task<List<string>> ScanAsync(Amazon.DynamoDBv2.IAmazonDynamoDB client, string table)
    {
        var items = (await client.ScanAsync(new ScanRequest { TableName = table }, TestContext.Current.CancellationToken)).Items;
        return [.. items.Select(item => Render(item.Where(a => a.Key is not (KpiAttributes.RunId or KpiAttributes.ComputedAt)).ToDictionary())).Order(StringComparer.Ordinal)];
    }

    private static string Render(Dictionary<string, AttributeValue> item) =>
        string.Join("|", item.OrderBy(a => a.Key, StringComparer.Ordinal).Select(a => $"{a.Key}={(a.Value.S is { } s ? "S:" + s : "N:" + a.Value.N)}"));
}
