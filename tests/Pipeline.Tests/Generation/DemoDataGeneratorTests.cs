using Kpi.Pipeline.Generation;
using Kpi.Pipeline.Tests.Engine;
using Kpi.TestSupport;

namespace Kpi.Pipeline.Tests.Generation;

public sealed class DemoDataGeneratorTests
{
    [Fact]
    public async Task The_same_seed_gives_the_same_files_and_another_seed_does_not()
    {
        using var first = new TempFolder();
        using var second = new TempFolder();
        using var other = new TempFolder();

        await DemoDataGenerator.WriteAsync(first.Path, new GeneratorSettings(2_000, Seed: 7, RowsPerFile: 500), CancellationToken.None);
        await DemoDataGenerator.WriteAsync(second.Path, new GeneratorSettings(2_000, Seed: 7, RowsPerFile: 500), CancellationToken.None);
        await DemoDataGenerator.WriteAsync(other.Path, new GeneratorSettings(2_000, Seed: 8, RowsPerFile: 500), CancellationToken.None);

        var files = Files(first.Path);
        Assert.Equal(files, Files(second.Path));
        Assert.True(files.Count > 8, "expected several part files per table");
        foreach (var file in files)
        {
            Assert.Equal(File.ReadAllBytes(Path.Combine(first.Path, file)), File.ReadAllBytes(Path.Combine(second.Path, file)));
        }

        Assert.NotEqual(File.ReadAllBytes(Path.Combine(first.Path, "orders", "orders_part1.csv")), File.ReadAllBytes(Path.Combine(other.Path, "orders", "orders_part1.csv")));
    }

    [Fact]
    public async Task Generated_data_is_valid_and_shaped_like_the_real_set()
    {
        using var folder = new TempFolder();
        var summary = await DemoDataGenerator.WriteAsync(folder.Path, new GeneratorSettings(5_000, Seed: 1), CancellationToken.None);

        var (report, kpis) = await EngineHarness.RunAsync(folder.Path);

        Assert.All(report.Tables, table => Assert.Equal(0, table.RowsRejected));
        Assert.Empty(report.Duplicates);
        Assert.Equal(7, kpis.CategoryKpis.Select(k => k.Category).Distinct().Count());
        Assert.Equal(31, kpis.OrderKpis.Count);
        Assert.InRange((double)summary.Items / summary.Orders, 1.3, 2.0);
        var returnRate = kpis.OrderKpis.Sum(k => k.ReturnRate * k.TotalOrders) / kpis.OrderKpis.Sum(k => k.TotalItemsSold);
        Assert.InRange(returnRate, 0.17, 0.23);
    }

    private static List<string> Files(string root) =>
        [.. Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories).Select(path => Path.GetRelativePath(root, path)).Order(StringComparer.Ordinal)];
}
