using Kpi.Pipeline.Engine;
using Kpi.Shared.Kpis;

namespace Kpi.Pipeline.Tests.Engine;

/// <summary>The KPI contract on hand-written fixtures, for every engine.</summary>
public abstract class KpiContractTests
{
    /// <summary>The engine under test: each engine runs this suite through a small derived class.</summary>
    private protected abstract IKpiEngine Engine { get; }

    private static readonly DateOnly March20 = new(2024, 3, 20);
    private static readonly DateOnly March21 = new(2024, 3, 21);

    [Fact]
    public async Task Category_kpis_follow_the_definitions()
    {
        using var folder = Fixture.Write(
            "order_id,user_id,created_at\n1,10,2024-03-20T09:00:00\n2,11,2024-03-20T10:00:00\n",
            "id,order_id,product_id,status,created_at,sale_price\n" +
            "1,1,1,returned,2024-03-20T09:00:00,10.00\n2,1,1,delivered,2024-03-20T09:00:00,20.00\n" +
            "3,2,1,shipped,2024-03-20T10:00:00,30.00\n4,2,2,delivered,2024-03-20T10:00:00,5.5\n");

        var (_, kpis) = await EngineHarness.RunAsync(Engine, folder.Path);

        Assert.Equal(
            [new CategoryKpi("Beauty", March20, 60.00m, 30.0, 0.5), new CategoryKpi("Books", March20, 5.5m, 5.5, 0.0)],
            kpis.CategoryKpis);
        var day = Assert.Single(kpis.OrderKpis);
        Assert.Equal(new OrderKpi(March20, 2, 65.5m, 4, 0.5, 2), day);
    }

    [Fact]
    public async Task Order_date_is_the_date_as_written_whatever_the_time_zone_suffix()
    {
        using var folder = Fixture.Write(
            "order_id,user_id,created_at\n" +
            "1,10,2024-03-20T01:00:00+02:00\n2,11,2024-03-20T23:30:00-05:00\n" +
            "3,12,2024-03-21 00:00:00Z\n4,12,2024-03-21T10:00:00.123456\n",
            "id,order_id,product_id,status,created_at,sale_price\n1,1,1,delivered,2024-03-20T23:59:59.5+14:00,1\n");

        var (report, kpis) = await EngineHarness.RunAsync(Engine, folder.Path);

        Assert.All(report.Tables, table => Assert.Equal(0, table.RowsRejected));
        Assert.Equal([(March20, 2L, 2L), (March21, 2L, 1L)], kpis.OrderKpis.Select(k => (k.OrderDate, k.TotalOrders, k.UniqueCustomers)));
        Assert.Equal(March20, Assert.Single(kpis.CategoryKpis).OrderDate);
    }

    [Fact]
    public async Task Crlf_bom_and_header_case_and_spaces_are_accepted()
    {
        using var folder = new Kpi.TestSupport.TempFolder();
        folder.Write("orders.csv", " Order_ID ,USER_ID, Created_At \r\n1,10,2024-03-20T09:00:00\r\n", bom: true);
        folder.Write("order_items.csv", "ID,order_id,product_id,STATUS,created_at,Sale_Price\r\n1,1,1,Returned,2024-03-20T09:00:00,12.5\r\n", bom: true);
        folder.Write("products.csv", "\uFEFFid,category\r\n1,Beauty\r\n");

        var (report, kpis) = await EngineHarness.RunAsync(Engine, folder.Path);

        Assert.All(report.Tables, table => Assert.Equal(0, table.RowsRejected));
        Assert.Equal(new CategoryKpi("Beauty", March20, 12.5m, 12.5, 1.0), Assert.Single(kpis.CategoryKpis));
    }

    [Fact]
    public async Task Quoted_fields_keep_their_commas_quotes_and_newlines()
    {
        using var folder = Fixture.Write(
            "order_id,user_id,created_at\n\"1\",\"10\",\"2024-03-20T09:00:00\"\n",
            "id,name,order_id,product_id,status,created_at,sale_price\n" +
            "1,\"a, b and \"\"c\"\"\nsecond line\",1,1,delivered,2024-03-20T09:00:00,\"7.25\"\n",
            "id,category\n1,\"Home, Garden\"\n");

        var (report, kpis) = await EngineHarness.RunAsync(Engine, folder.Path);

        Assert.All(report.Tables, table => Assert.Equal(0, table.RowsRejected));
        Assert.Equal("Home, Garden", Assert.Single(kpis.CategoryKpis).Category);
        Assert.Equal(7.25m, kpis.CategoryKpis[0].DailyRevenue);
    }

    [Fact]
    public async Task A_category_is_trimmed_of_unicode_spaces_only()
    {
        using var folder = Fixture.Write(
            "order_id,user_id,created_at\n1,10,2024-03-20T09:00:00\n",
            "id,order_id,product_id,status,created_at,sale_price\n1,1,1,delivered,2024-03-20T09:00:00,1\n" +
            "2,1,2,delivered,2024-03-20T09:00:00,2\n3,1,3,delivered,2024-03-20T09:00:00,4\n4,1,4,delivered,2024-03-20T09:00:00,8\n",
            "id,category\n1,  Beauty \n2,\tBeauty\n3,\u00a0Beauty\u3000\n4,\"Beauty\n\u2003\"\n");

        var (_, kpis) = await EngineHarness.RunAsync(Engine, folder.Path);

        // Space separators (U+0020, U+00A0, U+3000, U+2003) go on both engines; a tab or a line break stays.
        Assert.Equal(
            [("\tBeauty", 2m), ("Beauty", 5m), ("Beauty\n", 8m)],
            kpis.CategoryKpis.Select(kpi => (kpi.Category, kpi.DailyRevenue)).OrderBy(row => row.Category, StringComparer.Ordinal));
    }

    [Fact]
    public async Task Returned_matches_trimmed_and_case_insensitively_only()
    {
        using var folder = Fixture.Write(
            "order_id,user_id,created_at\n1,10,2024-03-20T09:00:00\n",
            "id,order_id,product_id,status,created_at,sale_price\n" +
            "1,1,1, Returned ,2024-03-20T09:00:00,1\n2,1,1,RETURNED,2024-03-20T09:00:00,1\n" +
            "3,1,1,returned,2024-03-20T09:00:00,1\n4,1,1,returned_to_sender,2024-03-20T09:00:00,1\n" +
            "5,1,1,,2024-03-20T09:00:00,1\n");

        var (_, kpis) = await EngineHarness.RunAsync(Engine, folder.Path);

        Assert.Equal(3.0, Assert.Single(kpis.CategoryKpis).AvgReturnRate);
        Assert.Equal(3.0, Assert.Single(kpis.OrderKpis).ReturnRate);
    }

    [Fact]
    public async Task Item_with_unknown_product_counts_only_in_order_kpis()
    {
        using var folder = Fixture.Write(
            "order_id,user_id,created_at\n1,10,2024-03-20T09:00:00\n",
            "id,order_id,product_id,status,created_at,sale_price\n1,1,1,delivered,2024-03-20T09:00:00,10\n2,1,999,delivered,2024-03-20T09:00:00,5\n");

        var (_, kpis) = await EngineHarness.RunAsync(Engine, folder.Path);

        Assert.Equal(1, kpis.UnknownProductItems);
        Assert.Equal(10m, Assert.Single(kpis.CategoryKpis).DailyRevenue);
        Assert.Equal((15m, 2L), (kpis.OrderKpis[0].TotalRevenue, kpis.OrderKpis[0].TotalItemsSold));
    }

    [Fact]
    public async Task Item_with_unknown_order_counts_only_in_category_kpis()
    {
        using var folder = Fixture.Write(
            "order_id,user_id,created_at\n1,10,2024-03-20T09:00:00\n",
            "id,order_id,product_id,status,created_at,sale_price\n1,1,1,delivered,2024-03-20T09:00:00,10\n2,77,1,returned,2024-03-21T09:00:00,5\n");

        var (_, kpis) = await EngineHarness.RunAsync(Engine, folder.Path);

        Assert.Equal(1, kpis.UnknownOrderItems);
        Assert.Equal([March20, March21], kpis.CategoryKpis.Select(k => k.OrderDate));
        var day = Assert.Single(kpis.OrderKpis);
        Assert.Equal((10m, 1L, 0.0), (day.TotalRevenue, day.TotalItemsSold, day.ReturnRate));
    }

    [Fact]
    public async Task Unknown_order_items_are_counted_among_orders_of_several_items_days_and_orders_without_items()
    {
        using var folder = Fixture.Write(
            "order_id,user_id,created_at\n1,10,2024-03-20T09:00:00\n2,11,2024-03-20T10:00:00\n3,10,2024-03-21T09:00:00\n4,12,2024-03-21T10:00:00\n",
            "id,order_id,product_id,status,created_at,sale_price\n" +
            "1,1,1,delivered,2024-03-20T09:00:00,10\n2,1,2,returned,2024-03-20T09:00:00,5\n3,2,1,delivered,2024-03-20T10:00:00,1\n" +
            "4,3,999,delivered,2024-03-21T09:00:00,2\n5,77,1,delivered,2024-03-21T09:00:00,3\n6,78,999,delivered,2024-03-22T09:00:00,4\n" +
            "7,77,2,returned,2024-03-21T09:00:00,6\n");

        var (_, kpis) = await EngineHarness.RunAsync(Engine, folder.Path);

        Assert.Equal((2L, 3L), (kpis.UnknownProductItems, kpis.UnknownOrderItems));
        Assert.Equal([(March20, 3L), (March21, 1L)], kpis.OrderKpis.Select(k => (k.OrderDate, k.TotalItemsSold)));
    }

    [Fact]
    public async Task Order_without_items_counts_with_zero_revenue()
    {
        using var folder = Fixture.Write(
            "order_id,user_id,created_at\n1,10,2024-03-20T09:00:00\n2,11,2024-03-21T09:00:00\n",
            "id,order_id,product_id,status,created_at,sale_price\n1,1,1,returned,2024-03-20T09:00:00,10\n");

        var (_, kpis) = await EngineHarness.RunAsync(Engine, folder.Path);

        Assert.Equal(new OrderKpi(March21, 1, 0m, 0, 0.0, 1), kpis.OrderKpis.Single(k => k.OrderDate == March21));
    }

    [Fact]
    public async Task Revenue_is_an_exact_decimal_sum()
    {
        var items = string.Concat(Enumerable.Range(1, 10).Select(i => $"{i},1,1,delivered,2024-03-20T09:00:00,0.1\n"));
        using var folder = Fixture.Write(
            "order_id,user_id,created_at\n1,10,2024-03-20T09:00:00\n",
            "id,order_id,product_id,status,created_at,sale_price\n" + items + "11,1,1,delivered,2024-03-20T09:00:00,0.000001\n");

        var (_, kpis) = await EngineHarness.RunAsync(Engine, folder.Path);

        Assert.Equal(1.000001m, Assert.Single(kpis.CategoryKpis).DailyRevenue);
        Assert.Equal(1.000001m, kpis.OrderKpis[0].TotalRevenue);
    }
}
