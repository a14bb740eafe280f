using Kpi.Dashboard.Data;
using Kpi.Shared.Kpis;

namespace Kpi.Dashboard.Tests.Data;

public sealed class CsvExportTests
{
    [Fact]
    public void Category_rows_are_written_with_the_attribute_names_and_exact_values()
    {
        var csv = CsvExport.Categories([new CategoryKpi("Home, Garden", SampleData.Day1, 1234.5678m, 0.1 + 0.2, 1.0 / 3)]);

        Assert.Equal(
            "category,order_date,daily_revenue,avg_order_value,avg_return_rate\r\n\"Home, Garden\",2025-03-01,1234.5678,0.30000000000000004,0.3333333333333333\r\n",
            csv);
    }

    [Fact]
    public void Formula_like_names_are_escaped_for_spreadsheets()
    {
        var csv = CsvExport.Categories([new CategoryKpi("=HYPERLINK(\"x\")", SampleData.Day1, 1, 1, 0)]);

        Assert.DoesNotContain("\n=HYPERLINK", csv);
        Assert.Contains("'=HYPERLINK", csv);
    }

    [Fact]
    public void Negative_numbers_stay_numbers_while_a_name_starting_with_a_minus_is_escaped()
    {
        var categories = CsvExport.Categories([new CategoryKpi("-1+1", SampleData.Day1, -12.5m, -0.25, 0)]);
        var orders = CsvExport.Orders([new OrderKpi(SampleData.Day1, 1, -12.5m, 1, 0, 1)]);

        Assert.Equal("category,order_date,daily_revenue,avg_order_value,avg_return_rate\r\n\"'-1+1\",2025-03-01,-12.5,-0.25,0\r\n", categories);
        Assert.EndsWith("\r\n2025-03-01,1,-12.5,1,0,1\r\n", orders);
    }
}
