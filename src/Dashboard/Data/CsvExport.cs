using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;
using Kpi.Shared.Kpis;
using Kpi.Shared.Storage;

namespace Kpi.Dashboard.Data;

/// <summary>
/// CSV downloads of grid rows, with the DynamoDB attribute names as headers. The text starts with a byte order mark
/// (U+FEFF, which the download saves as the bytes EF BB BF): without it Excel reads the file in the machine's code
/// page and shows a name such as "Café" as "CafÃ©".
/// </summary>
public static class CsvExport
{
    // Escape text cells starting with = + - @ so a spreadsheet never runs a category name as a formula.
    private static readonly CsvConfiguration Configuration = new(CultureInfo.InvariantCulture) { InjectionOptions = InjectionOptions.Escape };

    public const char ByteOrderMark = '\uFEFF';

    public static string Categories(IEnumerable<CategoryKpi> rows) => Write(
        [KpiAttributes.Category, KpiAttributes.OrderDate, KpiAttributes.DailyRevenue, KpiAttributes.AvgOrderValue, KpiAttributes.AvgReturnRate],
        rows.Select(k => new object[] { k.Category, KpiItems.FormatDate(k.OrderDate), k.DailyRevenue, k.AvgOrderValue, k.AvgReturnRate }));

    public static string Orders(IEnumerable<OrderKpi> rows) => Write(
        [KpiAttributes.OrderDate, KpiAttributes.TotalOrders, KpiAttributes.TotalRevenue, KpiAttributes.TotalItemsSold, KpiAttributes.ReturnRate, KpiAttributes.UniqueCustomers],
        rows.Select(k => new object[] { KpiItems.FormatDate(k.OrderDate), k.TotalOrders, k.TotalRevenue, k.TotalItemsSold, k.ReturnRate, k.UniqueCustomers }));

    private static string Write(string[] header, IEnumerable<object[]> rows)
    {
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        text.Write(ByteOrderMark);
        using var csv = new Writer(text);
        foreach (var name in header)
        {
            csv.WriteField(name);
        }

        csv.NextRecord();
        foreach (var row in rows)
        {
            foreach (var field in row)
            {
                if (field is string value)
                {
                    csv.WriteField(value);
                }
                else
                {
                    csv.WriteNumber(field is double d ? d.ToString("R", CultureInfo.InvariantCulture) : Convert.ToString(field, CultureInfo.InvariantCulture)!);
                }
            }

            csv.NextRecord();
        }

        csv.Flush();
        return text.ToString();
    }

    /// <summary>CsvHelper's writer escaping only text cells: a negative number stays a number in a spreadsheet.</summary>
    private sealed class Writer(TextWriter text) : CsvWriter(text, CsvExport.Configuration)
    {
        private bool _number;

        public void WriteNumber(string number)
        {
            _number = true;
            try
            {
                WriteField(number);
            }
            finally
            {
                _number = false;
            }
        }

        protected override string? SanitizeForInjection(string? field) => _number ? field : base.SanitizeForInjection(field);
    }
}
