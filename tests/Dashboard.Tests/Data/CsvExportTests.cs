using System.Text;
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
            "\uFEFFcategory,order_date,daily_revenue,avg_order_value,avg_return_rate\r\n\"Home, Garden\",2025-03-01,1234.5678,0.30000000000000004,0.3333333333333333\r\n",
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

        Assert.Equal("\uFEFFcategory,order_date,daily_revenue,avg_order_value,avg_return_rate\r\n\"'-1+1\",2025-03-01,-12.5,-0.25,0\r\n", categories);
        Assert.EndsWith("\r\n2025-03-01,1,-12.5,1,0,1\r\n", orders);
    }

    [Fact]
    public void Both_files_start_with_a_utf8_byte_order_mark_so_excel_reads_non_ascii_names()
    {
        var categories = Encoding.UTF8.GetBytes(CsvExport.Categories([new CategoryKpi("Café 東京", SampleData.Day1, 1, 1, 0)]));
        var orders = Encoding.UTF8.GetBytes(CsvExport.Orders([]));

        // The download saves the text as UTF-8 (a Blob): these are the file's first bytes.
        Assert.Equal([0xEF, 0xBB, 0xBF], categories[..3]);
        Assert.Equal([0xEF, 0xBB, 0xBF], orders[..3]);
        Assert.Equal("category,order_date,daily_revenue,avg_order_value,avg_return_rate\r\nCafé 東京,2025-03-01,1,1,0\r\n", Encoding.UTF8.GetString(categories[3..]));
        Assert.Equal("order_date,total_orders,total_revenue,total_items_sold,return_rate,unique_customers\r\n", Encoding.UTF8.GetString(orders[3..]));
    }

    [Fact]
    public void Only_the_start_of_the_file_has_the_mark_and_a_formula_in_the_first_cell_is_still_escaped()
    {
        var csv = CsvExport.Categories([new CategoryKpi("=1+1", SampleData.Day1, 1, 1, 0), new CategoryKpi("@SUM(A1)", SampleData.Day2, 1, 1, 0)]);

        Assert.Equal(1, csv.Count(c => c == CsvExport.ByteOrderMark));
        Assert.DoesNotContain("\n=", csv);
        Assert.DoesNotContain("\n@", csv);
        Assert.Contains("'=1+1", csv);
        Assert.Contains("'@SUM(A1)", csv);
    }
}
