namespace Kpi.Pipeline.Contract;

/// <summary>The row rules and business rules of the input contract, independent of the engine that applies them.</summary>
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

    /// <summary>An item is returned when its status, trimmed, equals this in any case.</summary>
    public const string ReturnedStatus = "returned";

    /// <summary>order_date is the first this many characters of created_at (yyyy-MM-dd), as written.</summary>
    public const int DateLength = 10;
}
