using Amazon.DynamoDBv2.Model;
using Kpi.Pipeline.Contract;
using Kpi.Pipeline.Engine.DuckDb;
using Kpi.Pipeline.Sources;
using Kpi.Pipeline.Tests.Cli;
using Kpi.Pipeline.Tests.Engine;
using Kpi.Shared.Runs;
using Kpi.Shared.Storage;
using Kpi.TestSupport;

namespace Kpi.Pipeline.Tests.Sources;

/// <summary>Reading the input from S3 (s3rver): same results as a local folder, pagination, clear errors.</summary>
public sealed class S3SourceTests(DynamoDbLocal dynamo, S3rverLocal s3)
{
    private const string Orders = "order_id,user_id,created_at\n1,10,2024-03-20T09:00:00\n2,11,2024-03-20T10:00:00\n3,11,2024-03-21T10:00:00+01:00\n";

    private const string Items = "id,order_id,product_id,status,created_at,sale_price\n" +
        "1,1,1,returned,2024-03-20T09:00:00,10.10\n2,2,2,delivered,2024-03-20T10:00:00,20.20\n3,3,1,delivered,2024-03-21T10:00:00,30.30\n4,9,2,RETURNED,2024-03-22T10:00:00,1.01\n";

    [Fact]
    [Trait(PublishedPipeline.Trait, PublishedPipeline.TraitValue)]
    public async Task The_same_data_from_s3_and_from_a_folder_gives_identical_items()
    {
        using var folder = Fixture.Write(Orders, Items);
        folder.Write("order_items/order_items_part2.csv", "id,order_id,product_id,status,created_at,sale_price\n5,1,2,delivered,2024-03-20T09:00:00,5\n");

        // ".csv" in any case is a part file in both sources; a marker file (as Spark and Hadoop leave) is not, nor is
        // a hidden file (macOS leaves "._" files of resource forks on other file systems).
        folder.Write("order_items/ORDER_ITEMS_PART3.CSV", "id,order_id,product_id,status,created_at,sale_price\n6,2,1,delivered,2024-03-20T10:00:00,7\n");
        folder.Write("order_items/_SUCCESS", "");
        folder.Write("order_items/._order_items_part1.csv", "\0\u0005\u0016\u0007Mac OS X resource fork");
        var bucket = Bucket();
        await s3.UploadFolderAsync(bucket, "Data/", folder.Path);
        var fromFolder = await dynamo.CreateTablesAsync();
        var fromS3 = await dynamo.CreateTablesAsync();

        var local = await RunAsync(fromFolder, folder.Path, "local-run");
        var remote = await RunAsync(fromS3, $"s3a://{bucket}/Data/", "s3-run");

        Assert.True(local.ExitCode == 0, local.Output);
        Assert.True(remote.ExitCode == 0, remote.Output);
        Assert.Equal(await ItemsAsync(fromFolder.CategoryTable), await ItemsAsync(fromS3.CategoryTable));
        Assert.Equal(await ItemsAsync(fromFolder.OrderTable), await ItemsAsync(fromS3.OrderTable));
        using var client = dynamo.CreateClient();
        var run = await new DynamoRunStore(client, fromS3).GetAsync("s3-run", TestContext.Current.CancellationToken);
        Assert.Equal((RunStatus.Succeeded, $"s3a://{bucket}/Data/", 5L), (run!.Status, run.Source, run.ObjectsRead));
        Assert.Equal(6, run.Tables.Single(t => t.Table == "order_items").RowsRead);
        Assert.Equal(Directory.EnumerateFiles(folder.Path, "*", SearchOption.AllDirectories).Where(f => !Path.GetFileName(f).StartsWith('.')).Sum(f => new FileInfo(f).Length), run.BytesRead);
    }

    [Fact]
    public async Task A_table_with_more_part_files_than_a_listing_page_is_read_completely()
    {
        using var folder = Fixture.Write("order_id,user_id,created_at\n", Items);
        File.Delete(Path.Combine(folder.Path, "orders", "orders_part1.csv"));
        for (var part = 1; part <= 12; part++)
        {
            folder.Write($"orders/orders_part{part:D2}.csv", $"order_id,user_id,created_at\n{part},1,2024-03-20T09:00:00\n");
        }

        var bucket = Bucket();
        await s3.UploadFolderAsync(bucket, "", folder.Path);
        using var client = s3.CreateClient();
        var source = new S3Source(client, S3Location.Parse($"s3://{bucket}"), new S3SourceSettings { ListPageSize = 5 });
        string staging;
        await using (source)
        {
            var input = await source.DiscoverAsync(stageLocally: true, TestContext.Current.CancellationToken);
            staging = Path.GetDirectoryName(input.Files[InputTable.Orders][0].LocalPath)!;
            await using var session = new DuckDbEngine().OpenSession(input);
            var read = await session.ReadAsync(TestContext.Current.CancellationToken);

            Assert.Equal(12, input.Files[InputTable.Orders].Count);
            Assert.Equal(12, read.Single(t => t.Table == "orders").RowsRead);
            Assert.Equal($"s3://{bucket}/orders/orders_part01.csv", input.Files[InputTable.Orders][0].Name);
        }

        Assert.False(Directory.Exists(staging), "the downloaded files are removed at the end");
    }

    [Fact]
    public async Task Many_small_objects_are_staged_byte_for_byte_with_bounded_concurrency()
    {
        using var folder = new TempFolder();
        var random = new Random(7);
        for (var part = 0; part < 300; part++)
        {
            var bytes = new byte[random.Next(0, 3000)];
            random.NextBytes(bytes);
            folder.Write($"orders/part_{part:D3}.csv", bytes);
        }

        folder.Write("order_items.csv", Items);
        folder.Write("products/products_1.csv", "id,category\n1,Books\n");
        var bucket = Bucket();
        await s3.UploadFolderAsync(bucket, "Data/", folder.Path);
        // The downloads (GetObject) are held until 4 are in flight; the listing before them is not.
        await using var proxy = await HttpPassThrough.StartAsync(s3.Endpoint, holdUntilInFlight: 4, holdWhen: (method, target) => method == "GET" && !target.Contains("list-type", StringComparison.Ordinal));
        using var client = s3.CreateClient(proxy.Address);
        var source = new S3Source(client, S3Location.Parse($"s3://{bucket}/Data/"), new S3SourceSettings { MaxParallelDownloads = 4, ListPageSize = 100 });
        string staging;
        await using (source)
        {
            var input = await source.DiscoverAsync(stageLocally: true, TestContext.Current.CancellationToken);
            var files = input.Files.Values.SelectMany(table => table).ToList();
            staging = Path.GetDirectoryName(files[0].LocalPath)!;

            Assert.Equal((300, 1, 1), (input.Files[InputTable.Orders].Count, input.Files[InputTable.OrderItems].Count, input.Files[InputTable.Products].Count));
            Assert.Equal($"s3://{bucket}/Data/orders/part_000.csv", input.Files[InputTable.Orders][0].Name);
            Assert.All(files, file =>
            {
                var original = File.ReadAllBytes(Path.Combine(folder.Path, file.Name[$"s3://{bucket}/Data/".Length..]));
                Assert.Equal(original, File.ReadAllBytes(file.LocalPath!));
                Assert.Equal(original.Length, file.Bytes);
            });
            Assert.Equal(302, Directory.EnumerateFiles(staging).Count());
            Assert.Equal(4, proxy.PeakInFlight);
        }

        Assert.False(Directory.Exists(staging), "the downloaded files are removed at the end");
    }

    [Fact]
    [Trait(PublishedPipeline.Trait, PublishedPipeline.TraitValue)]
    public async Task A_missing_bucket_exits_2_naming_the_bucket()
    {
        var tables = await dynamo.CreateTablesAsync();

        var (exitCode, output) = await RunAsync(tables, "s3://no-such-bucket-here/Data/", "r");

        Assert.True(exitCode == 2, output);
        Assert.Contains("Bucket no-such-bucket-here does not exist", output);
        await AssertNothingWrittenAsync(tables);
    }

    [Fact]
    [Trait(PublishedPipeline.Trait, PublishedPipeline.TraitValue)]
    public async Task An_empty_prefix_exits_2()
    {
        var bucket = Bucket();
        using (var client = s3.CreateClient())
        {
            await client.PutBucketAsync(bucket, TestContext.Current.CancellationToken);
        }

        var tables = await dynamo.CreateTablesAsync();

        var (exitCode, output) = await RunAsync(tables, $"s3://{bucket}/Data", "r");

        Assert.True(exitCode == 2, output);
        Assert.Contains($"No objects under s3://{bucket}/Data/", output);
        await AssertNothingWrittenAsync(tables);
    }

    [Fact]
    [Trait(PublishedPipeline.Trait, PublishedPipeline.TraitValue)]
    public async Task A_missing_table_exits_2_naming_where_it_looked()
    {
        using var folder = Fixture.Write(Orders, Items);
        File.Delete(Path.Combine(folder.Path, "products.csv"));
        var bucket = Bucket();
        await s3.UploadFolderAsync(bucket, "Data/", folder.Path);
        var tables = await dynamo.CreateTablesAsync();

        var (exitCode, output) = await RunAsync(tables, $"s3://{bucket}/Data/", "r");

        Assert.True(exitCode == 2, output);
        Assert.Contains($"Table products has no files: expected s3://{bucket}/Data/products/*.csv or s3://{bucket}/Data/products.csv", output);
        await AssertNothingWrittenAsync(tables);
    }

    [Fact]
    [Trait(PublishedPipeline.Trait, PublishedPipeline.TraitValue)]
    public async Task A_wrong_endpoint_exits_1_after_the_sdk_retries()
    {
        var tables = await dynamo.CreateTablesAsync();
        var environment = s3.Environment(dynamo);
        environment["AWS_ENDPOINT_URL_S3"] = $"http://127.0.0.1:{LocalProcess.FreePort()}";

        var (exitCode, output) = await PipelineProcess.RunAsync(environment, ["run", "--source", "s3://bucket/Data/", .. PipelineProcess.TableArguments(tables)]);

        Assert.True(exitCode == 1, output);
        Assert.Contains("Cannot reach S3 for s3://bucket/Data/", output);
        await AssertNothingWrittenAsync(tables);
    }

    [Fact]
    [Trait(PublishedPipeline.Trait, PublishedPipeline.TraitValue)]
    public async Task Refused_credentials_exit_1_naming_bucket_and_error()
    {
        using var folder = Fixture.Write(Orders, Items);
        var bucket = Bucket();
        await s3.UploadFolderAsync(bucket, "Data/", folder.Path);
        var tables = await dynamo.CreateTablesAsync();
        var environment = s3.Environment(dynamo);
        environment["AWS_ACCESS_KEY_ID"] = "WRONGKEY";

        var (exitCode, output) = await PipelineProcess.RunAsync(environment, ["run", "--source", $"s3://{bucket}/Data/", .. PipelineProcess.TableArguments(tables)]);

        Assert.True(exitCode == 1, output);
        Assert.Contains($"S3 refused access to s3://{bucket}/Data/ (bucket {bucket}, prefix 'Data/')", output);
        await AssertNothingWrittenAsync(tables);
    }

    private static string Bucket() => "kpi-" + Guid.NewGuid().ToString("N")[..12];

    private Task<(int ExitCode, string Output)> RunAsync(KpiTableOptions tables, string source, string runId) =>
        PipelineProcess.RunAsync(s3.Environment(dynamo), ["run", "--source", source, "--run-id", runId, .. PipelineProcess.TableArguments(tables)]);

    /// <summary>Every attribute of every item but the run's own id and time, in key order.</summary>
    private async Task<List<string>> ItemsAsync(string table)
    {
        using var client = dynamo.CreateClient();
        var items = (await client.ScanAsync(new ScanRequest { TableName = table }, TestContext.Current.CancellationToken)).Items ?? [];
        return [.. items
            .Select(item => string.Join("; ", item.Where(a => a.Key is not ("run_id" or "computed_at")).OrderBy(a => a.Key, StringComparer.Ordinal).Select(a => $"{a.Key}={a.Value.S ?? a.Value.N}")))
            .Order(StringComparer.Ordinal)];
    }

    private async Task AssertNothingWrittenAsync(KpiTableOptions tables)
    {
        Assert.Empty(await ItemsAsync(tables.CategoryTable));
        Assert.Empty(await ItemsAsync(tables.OrderTable));
    }
}
