using Kpi.Pipeline.Sources;

namespace Kpi.Pipeline.Engine;

/// <summary>The row rules of the input contract, independent of the engine that applies them.</summary>
internal static class InputRules
{
    /// <summary>At most 18 digits, so every accepted value fits a 64-bit integer.</summary>
    public const string IntegerPattern = "[+-]?[0-9]{1,18}";

    /// <summary>YYYY-MM-DD[T ]HH:MM:SS[.fraction][Z|±HH:MM]; the calendar checks come on top.</summary>
    public const string TimestampPattern =
        "[0-9]{4}-[0-9]{2}-[0-9]{2}[T ][0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]+)?(Z|[+-]([01][0-9]|2[0-3]):[0-5][0-9])?";

    /// <summary>
    /// A plain decimal that fits DECIMAL(18,6): no exponent, at most 12 integer and 6 fraction digits.
    /// (Casting text to DECIMAL(38,x) costs DuckDB about 40 times more; sums still widen to DECIMAL(38,6).)
    /// </summary>
    public const string DecimalPattern = "[+-]?([0-9]{1,12}(\\.[0-9]{0,6})?|\\.[0-9]{1,6})";

    public const int DecimalPrecision = 18;

    public const int DecimalScale = 6;

    public const int MaxSamplesPerTable = 20;

    public const int MaxDuplicateKeysListed = 20;

    public const string ExtraFieldsColumn = "(row)";

    public static IReadOnlyList<ColumnRule> For(InputTable table) => table.Name switch
    {
        "orders" => [new("order_id", ValueKind.Integer), new("user_id", ValueKind.Integer), new("created_at", ValueKind.Timestamp)],
        "order_items" =>
        [
            new("id", ValueKind.Integer), new("order_id", ValueKind.Integer), new("product_id", ValueKind.Integer),
            new("status", ValueKind.Any), new("created_at", ValueKind.Timestamp), new("sale_price", ValueKind.Decimal),
        ],
        "products" => [new("id", ValueKind.Integer), new("category", ValueKind.Text)],
        _ => throw new ArgumentOutOfRangeException(nameof(table), table.Name, "Unknown input table."),
    };

    /// <summary>The primary key column of each table.</summary>
    public static string KeyOf(InputTable table) => table.Name == "orders" ? "order_id" : "id";

    public static string Reason(ValueKind kind) => kind switch
    {
        ValueKind.Integer => "not an integer",
        ValueKind.Timestamp => "not an ISO 8601 timestamp YYYY-MM-DD[T ]HH:MM:SS[.fraction][Z|±HH:MM]",
        ValueKind.Decimal => "not a decimal number (at most 12 digits before the point and 6 after, no exponent)",
        ValueKind.Text => "empty",
        _ => "invalid",
    };

    public const string MissingReason = "missing value";

    public const string ExtraFieldsReason = "more fields than the header";
}

internal enum ValueKind
{
    /// <summary>Any value, empty included.</summary>
    Any,
    Integer,
    Timestamp,
    Decimal,

    /// <summary>Non-empty after trimming.</summary>
    Text,
}

internal sealed record ColumnRule(string Column, ValueKind Kind);
