using System.Globalization;
using Amazon.DynamoDBv2.Model;

namespace Kpi.Shared.Storage;

/// <summary>DynamoDB numbers travel as decimal strings: decimals stay exact, doubles round-trip.</summary>
internal static class DynamoNumbers
{
    public static AttributeValue Of(decimal value) => new() { N = value.ToString(CultureInfo.InvariantCulture) };

    public static AttributeValue Of(long value) => new() { N = value.ToString(CultureInfo.InvariantCulture) };

    /// <summary>"R" gives the shortest string that parses back to the same double (up to 17 digits).</summary>
    public static AttributeValue Of(double value) => double.IsFinite(value)
        ? new() { N = value.ToString("R", CultureInfo.InvariantCulture) }
        : throw new ArgumentOutOfRangeException(nameof(value), value, "DynamoDB cannot store NaN or infinity.");

    public static decimal Decimal(Dictionary<string, AttributeValue> item, string name) =>
        decimal.Parse(Number(item, name), NumberStyles.Float, CultureInfo.InvariantCulture);

    public static double Double(Dictionary<string, AttributeValue> item, string name) =>
        double.Parse(Number(item, name), NumberStyles.Float, CultureInfo.InvariantCulture);

    public static long Long(Dictionary<string, AttributeValue> item, string name) =>
        long.Parse(Number(item, name), NumberStyles.Integer, CultureInfo.InvariantCulture);

    public static long LongOrZero(Dictionary<string, AttributeValue>? item, string name) =>
        item is not null && item.TryGetValue(name, out var value) && value.N is not null
            ? long.Parse(value.N, NumberStyles.Integer, CultureInfo.InvariantCulture)
            : 0;

    private static string Number(Dictionary<string, AttributeValue> item, string name) =>
        item.TryGetValue(name, out var value) && value.N is not null
            ? value.N
            : throw new FormatException($"Item has no number attribute '{name}'.");
}
