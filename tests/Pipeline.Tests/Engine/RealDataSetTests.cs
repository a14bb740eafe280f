using Kpi.TestSupport;

namespace Kpi.Pipeline.Tests.Engine;

/// <summary>The real data set of the original deployment gives the figures on the reference screenshot.</summary>
public sealed class RealDataSetTests
{
    [Fact]
    public async Task The_real_data_set_gives_the_dashboard_figures()
    {
        if (!Directory.Exists(RepoPaths.RealDataSet))
        {
            Assert.Skip($"The real data set is not beside this checkout ({RepoPaths.RealDataSet}).");
        }

        var (report, kpis) = await EngineHarness.RunAsync(RepoPaths.RealDataSet);

        Assert.All(report.Tables, table => Assert.Equal(0, table.RowsRejected));
        Assert.Equal(217, kpis.CategoryKpis.Count);
        Assert.Equal(31, kpis.OrderKpis.Count);
        // The issue quotes truncated figures ("95.938881…"): each must start with those digits.
        Assert.InRange(kpis.CategoryKpis.Average(k => k.AvgOrderValue), 95.938881, 95.938882);
        Assert.InRange(kpis.CategoryKpis.Average(k => k.AvgReturnRate), 0.199256, 0.199257);
        Assert.InRange(kpis.CategoryKpis.Average(k => k.DailyRevenue), 9923.9537m, 9923.9538m);
        Assert.Equal(27_007, kpis.OrderKpis.Sum(k => k.TotalItemsSold));
        var beauty = kpis.CategoryKpis.Where(k => k.Category == "Beauty").Sum(k => k.DailyRevenue);
        Assert.Equal(0.1518, (double)(beauty / kpis.CategoryKpis.Sum(k => k.DailyRevenue)), 4);
    }
}
