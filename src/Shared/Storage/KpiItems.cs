using System.Globalization;
using Amazon.DynamoDBv2.Model;
using Kpi.Shared.Kpis;

namespace Kpi.Shared.Storage;

/// <summary>The one mapping between KPI rows and DynamoDB items.</summary>
public static class KpiItems
{
    public static Dictionary<string, AttributeValue> ToItem(CategoryKpi kpi, string runId, string computedAt) => new()
    {
        [KpiAttributes.Category] = new() { S = kpi.Category },
        [KpiAttributes.OrderDate] = new() { S = FormatDate(kpi.OrderDate) },
        [KpiAttributes.DailyRevenue] = DynamoNumbers.Of(kpi.DailyRevenue),
        [KpiAttributes.AvgOrderValue] = DynamoNumbers.Of(kpi.AvgOrderValue),
        [KpiAttributes.AvgReturnRate] = DynamoNumbers.Of(kpi.AvgReturnRate),
        [KpiAttributes.RunId] = new() { S = runId },
        [KpiAttributes.ComputedAt] = new() { S = computedAt },
    };

    public static Dictionary<string, AttributeValue> ToItem(OrderKpi kpi, string runId, string computedAt) => new()
    {
        [KpiAttributes.OrderDate] = new() { S = FormatDate(kpi.OrderDate) },
        [KpiAttributes.TotalOrders] = DynamoNumbers.Of(kpi.TotalOrders),
        [KpiAttributes.TotalRevenue] = DynamoNumbers.Of(kpi.TotalRevenue),
        [KpiAttributes.TotalItemsSold] = DynamoNumbers.Of(kpi.TotalItemsSold),
        [KpiAttributes.ReturnRate] = DynamoNumbers.Of(kpi.ReturnRate),
        [KpiAttributes.UniqueCustomers] = DynamoNumbers.Of(kpi.UniqueCustomers),
        [KpiAttributes.RunId] = new() { S = runId },
        [KpiAttributes.ComputedAt] = new() { S = computedAt },
    };

    /// <summary>The row an item holds; <see cref="FormatException"/> (or <see cref="OverflowException"/>) when it holds none.</summary>
    public static CategoryKpi ToCategoryKpi(Dictionary<string, AttributeValue> item) => new(
        Text(item, KpiAttributes.Category),
        ParseDate(Text(item, KpiAttributes.OrderDate)),
        DynamoNumbers.Decimal(item, KpiAttributes.DailyRevenue),
        DynamoNumbers.Double(item, KpiAttributes.AvgOrderValue),
        DynamoNumbers.Double(item, KpiAttributes.AvgReturnRate));

    /// <inheritdoc cref="ToCategoryKpi"/>
    public static OrderKpi ToOrderKpi(Dictionary<string, AttributeValue> item) => new(
        ParseDate(Text(item, KpiAttributes.OrderDate)),
        DynamoNumbers.Long(item, KpiAttributes.TotalOrders),
        DynamoNumbers.Decimal(item, KpiAttributes.TotalRevenue),
        DynamoNumbers.Long(item, KpiAttributes.TotalItemsSold),
        DynamoNumbers.Double(item, KpiAttributes.ReturnRate),
        DynamoNumbers.Long(item, KpiAttributes.UniqueCustomers));

    public static string FormatDate(DateOnly date) => date.ToString(KpiAttributes.DateFormat, CultureInfo.InvariantCulture);

    public static DateOnly ParseDate(string text) => DateOnly.ParseExact(text, KpiAttributes.DateFormat, CultureInfo.InvariantCulture);

    /// <summary>The key of an item as text for a log line, cut short (items may be written by hand).</summary>
    public static string DescribeKey(Dictionary<string, AttributeValue> item)
    {
        var key = string.Join(", ", new[] { KpiAttributes.Category, KpiAttributes.OrderDate }
            .Where(item.ContainsKey)
            .Select(name => $"{name}={item[name].S ?? item[name].N ?? "?"}"));
        return key.Length > 120 ? key[..120] + "…" : key;
    }

    private static string Text(Dictionary<string, AttributeValue> item, string name) =>
        item.TryGetValue(name, out var value) && value.S is { } text
            ? text
            : throw new FormatException($"Item has no text attribute '{name}'.");
}
