using System.Text;
using Kpi.Pipeline.Contract;
using Kpi.Pipeline.Engine.DuckDb.Screening;
using Kpi.Pipeline.Generation;
using Kpi.Pipeline.Sources;
using Kpi.TestSupport;

namespace Kpi.Pipeline.Tests.Engine.DuckDb.Screening;

/// <summary>Which files the fast path takes: plain ones only, and every record counted.</summary>
public sealed class FileScreeningTests
{
    private const string Header = "id,order_id,product_id,status,created_at,sale_price\n";

    [Fact]
    public async Task Generated_data_is_plain_and_every_record_is_counted()
    {
        using var folder = new TempFolder();
        var summary = await DemoDataGenerator.WriteAsync(folder.Path, new GeneratorSettings(2_000, 7, 1_500, 31), CancellationToken.None);

        var items = Directory.GetFiles(Path.Combine(folder.Path, "order_items")).Select(path => Screen(InputTable.OrderItems, path)).ToList();

        Assert.All(items, screen => Assert.True(screen.Plain, screen.NotPlainBecause));
        Assert.Equal(summary.Items, items.Sum(screen => screen.Records));
    }

    [Theory]
    [InlineData(Header + "1,1,1,returned,2024-03-20T09:00:00,10.5\n", 1)]
    [InlineData(Header + "1,1,1,returned,2024-03-20T09:00:00,10.5", 1)]
    [InlineData("id,order_id,product_id,status,created_at,sale_price\r\n1,1,1,returned,2024-03-20T09:00:00,10.5\r\n2,1,1,,2024-03-20 09:00:00.123+05:30,-0.5\r\n", 2)]
    [InlineData(Header + "\"1\",1,1,\"in, transit\",\"2024-03-20T09:00:00Z\",10\n", 1)]
    [InlineData(Header, 0)]
    public void Plain_files_are_counted(string text, long records)
    {
        using var folder = new TempFolder();
        var screen = Screen(InputTable.OrderItems, folder.Write("items.csv", text));

        Assert.True(screen.Plain, screen.NotPlainBecause);
        Assert.Equal(records, screen.Records);
    }

    [Theory]
    [InlineData("1,1,1,x,2024-03-20T09:00:00,10\n\n2,1,1,x,2024-03-20T09:00:00,10\n", "1 fields")]
    [InlineData("1,1,1,x,2024-03-20T09:00:00,10\n\n", "1 fields")]
    [InlineData("1,1,1,\"in\ntransit\",2024-03-20T09:00:00,10\n", "several lines")]
    [InlineData("1,1,1,\"say \"\"hi\"\"\",2024-03-20T09:00:00,10\n", "quote")]
    [InlineData("1,1,1,a\"b,2024-03-20T09:00:00,10\n", "line 2")]
    [InlineData("1,1,1,x,2024-03-20T09:00:00,10,extra\n", "7 fields")]
    [InlineData("1,1,1,x,2024-03-20T09:00:00\n", "5 fields")]
    [InlineData("1,1,1,x\r,2024-03-20T09:00:00,10\n", "line 2")]
    [InlineData("1,1,1,x,2024-03-20T09:00:00,10\r2,1,1,x,2024-03-20T09:00:00,10\n", "a carriage return without a line feed")]
    [InlineData("1,1,1,x,2024-03-20T09:00:00,10\n2,1,1,x,2024-03-20T09:00:00,10\r", "a carriage return without a line feed")]
    [InlineData("1,1,1,x,2024-03-20T09:00:00,10\r\n2,1,1,x,2024-03-20T09:00:00,10\r\n", "both LF and CRLF line ends")]
    [InlineData("+1,1,1,x,2024-03-20T09:00:00,10\n", "id is not in its plain form")]
    [InlineData("1,1,1,x,2024-03-20T09:00:00, 10\n", "sale_price is not in its plain form")]
    [InlineData("1,1,1,x,2024-03-20,10\n", "created_at is not in its plain form")]
    public void Anything_else_takes_the_careful_path_saying_why(string rows, string because)
    {
        using var folder = new TempFolder();
        var screen = Screen(InputTable.OrderItems, folder.Write("items.csv", Header + rows));

        Assert.False(screen.Plain);
        Assert.Contains(because, screen.NotPlainBecause);
    }

    // Records are looked at for quotes and line ends inside them only once the file has shown a quote: here after
    // the first blocks read, far into the file.
    [Theory]
    [InlineData("\"say \"\"hi\"\"\"", "quote")]
    [InlineData("\"in \"\"transit\"\"\"", "quote")]
    [InlineData("\"in\rtransit\"", "carriage return")]
    [InlineData("\"in\ntransit\"", "several lines")]
    public void A_quote_or_carriage_return_deep_in_a_file_is_found(string status, string because)
    {
        using var folder = new TempFolder();
        var rows = new StringBuilder(Header);
        for (var id = 1; id <= 5_000; id++)
        {
            rows.Append(System.Globalization.CultureInfo.InvariantCulture, $"{id},1,1,{(id == 4_000 ? status : "x")},2024-03-20T09:00:00,10\n");
        }

        var screen = Screen(InputTable.OrderItems, folder.Write("items.csv", rows.ToString()));

        Assert.False(screen.Plain);
        Assert.Contains("line 4001", screen.NotPlainBecause);
        Assert.Contains(because, screen.NotPlainBecause);
    }

    [Fact]
    public void Invalid_utf8_anywhere_takes_the_careful_path()
    {
        using var folder = new TempFolder();
        var path = Path.Combine(folder.Path, "items.csv");
        File.WriteAllBytes(path, [.. Encoding.UTF8.GetBytes(Header + "1,1,1,"), 0xC3, 0x28, .. Encoding.UTF8.GetBytes(",2024-03-20T09:00:00,10\n")]);

        var screen = Screen(InputTable.OrderItems, path);

        Assert.False(screen.Plain);
        Assert.Equal("not valid UTF-8", screen.NotPlainBecause);
    }

    private static FileScreen Screen(InputTable table, string path) => Fixture.Screen(table, path);
}
