using Kpi.Pipeline.Engine.DuckDb;
using Kpi.Pipeline.Generation;
using Kpi.Pipeline.Tests.Cli;
using Kpi.Shared.Storage;
using Kpi.TestSupport;

namespace Kpi.Pipeline.Tests.Engine.Spark;

/// <summary>
/// The whole pipeline against a real Spark Connect server named by SPARK_REMOTE (e.g. sc://localhost:15002 of
/// the apache/spark image on this machine, which reads the local folder). Skipped, not passed, without it.
/// </summary>
[Trait(PublishedPipeline.Trait, PublishedPipeline.TraitValue)]
public sealed class SparkLiveTests(DynamoDbLocal dynamo)
{
    private static string Remote() =>
        Environment.GetEnvironmentVariable("SPARK_REMOTE") is { Length: > 0 } remote
            ? remote
            : throw Xunit.Sdk.SkipException.ForSkip("SPARK_REMOTE is not set: no real Spark Connect server to run against.");

    [Fact]
    public async Task The_pipeline_on_a_real_spark_writes_the_kpis_of_the_duckdb_engine()
    {
        var remote = Remote();
        using var folder = new TempFolder();
        await DemoDataGenerator.WriteAsync(folder.Path, new GeneratorSettings(500, Seed: 3, RowsPerFile: 200), TestContext.Current.CancellationToken);
        var tables = await dynamo.CreateTablesAsync();

        var (exitCode, output) = await PipelineProcess.RunAsync(
            dynamo, ["run", "--source", folder.Path, "--engine", "spark", "--spark-remote", remote, .. PipelineProcess.TableArguments(tables)]);

        Assert.True(exitCode == 0, output);
        using var client = dynamo.CreateClient();
        var store = new DynamoKpiStore(client, tables);
        var expected = await EngineHarness.RunAsync(new DuckDbEngine(), folder.Path);
        Assert.Equal(
            expected.Kpis.OrderKpis.OrderBy(k => k.OrderDate),
            (await store.ReadOrderKpisAsync(TestContext.Current.CancellationToken)).OrderBy(k => k.OrderDate));
    }
}
