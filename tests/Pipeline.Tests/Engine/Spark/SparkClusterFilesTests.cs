using Kpi.Pipeline.Contract;
using Kpi.Pipeline.Engine;
using Kpi.Pipeline.Engine.Spark;
using Kpi.Pipeline.Sources;

namespace Kpi.Pipeline.Tests.Engine.Spark;

/// <summary>Files only the cluster can read (as from S3: no local copy): headers asked of Spark, lines unknown.</summary>
public sealed class SparkClusterFilesTests(ReattachingSparkServer server) : IClassFixture<ReattachingSparkServer>
{
    private const string Items = "id,order_id,product_id,status,created_at,sale_price\n1,1,1,returned,2024-03-20T09:00:00,10.5\n";

    [Fact]
    public async Task Headers_come_from_spark_and_reject_samples_carry_no_line()
    {
        using var folder = Fixture.Write(
            "created_at,extra,user_id,order_id\n2024-03-20T09:00:00,x,10,1\n2024-03-20T09:00:00,y,bad,2\n",
            Items);

        var (report, kpis) = await RunOnClusterOnlyAsync(folder.Path);

        var sample = Assert.Single(report.RejectSamples);
        Assert.Equal((InputTable.Orders.Name, (long?)null, "user_id", "bad"), (sample.Table, sample.Line, sample.Column, sample.Value));
        Assert.Equal($"orders: {sample.File}, column user_id: not an integer (value: 'bad')", sample.ToString());
        Assert.Equal((1L, 10.5m), (Assert.Single(kpis.OrderKpis).TotalOrders, kpis.OrderKpis[0].TotalRevenue));
    }

    [Fact]
    public async Task A_file_that_is_not_utf8_fails_naming_the_file_without_a_line()
    {
        using var folder = Fixture.Write("", Items);
        var path = Path.Combine(folder.Path, "orders", "orders_part1.csv");
        File.WriteAllBytes(path, [.. "order_id,user_id,created_at\n1,2,2024-01-01T00:00:00\n2,"u8, 0xFF, 0xFE, .. ",2024-01-01T00:00:00\n"u8]);

        var error = await Assert.ThrowsAsync<InputException>(() => RunOnClusterOnlyAsync(folder.Path));

        Assert.Equal($"Table orders: cannot parse {path}: {SparkSession.NotUtf8Reason}", error.Message);
    }

    [Fact]
    public async Task A_record_over_the_size_cap_fails_naming_the_file_without_a_line()
    {
        var swallowed = string.Concat(Enumerable.Range(1, 30_000).Select(i => $"{i},secret-{i},2024-03-20T09:00:00\n"));
        using var folder = Fixture.Write($"order_id,user_id,created_at\n1,10,2024-03-20T09:00:00\n2,\"unclosed\n{swallowed}", Items);

        var error = await Assert.ThrowsAsync<InputException>(() => RunOnClusterOnlyAsync(folder.Path));

        Assert.Equal($"Table orders: cannot parse {Path.Combine(folder.Path, "orders", "orders_part1.csv")}: {InputRules.RecordTooLongReason}", error.Message);
    }

    /// <summary>The session over the folder's files as a cluster sees S3 objects: by location only, no local copy.</summary>
    private async Task<(ValidationReport Report, KpiResult Kpis)> RunOnClusterOnlyAsync(string folder)
    {
        await using var source = new LocalFolderSource(folder);
        var local = await source.DiscoverAsync(stageLocally: false, TestContext.Current.CancellationToken);
        var clusterOnly = new InputSet(local.Files.ToDictionary(
            pair => pair.Key,
            pair => (IReadOnlyList<InputFile>)[.. pair.Value.Select(file => file with { LocalPath = null })]));
        var engine = new SparkConnectEngine(server.ParsedRemote, TimeSpan.FromMinutes(1));

        await using var session = engine.OpenSession(clusterOnly);
        await session.ReadAsync(TestContext.Current.CancellationToken);
        var report = await session.ValidateAsync(TestContext.Current.CancellationToken);
        return (report, await session.ComputeAsync(TestContext.Current.CancellationToken));
    }
}
