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

    /// <summary>The first and last dates any later stage (and .NET's DateOnly) can hold; the pattern's four digits allow 0000.</summary>
    public const string MinDate = "0001-01-01";

    public const string MaxDate = "9999-12-31";

    /// <summary>DynamoDB's limit on a partition key value (category is the category table's partition key), in UTF-8 bytes.</summary>
    public const int PartitionKeyMaxBytes = 2048;

    /// <summary>
    /// The most physical lines one record may span. Quoted fields may hold line breaks, but a quote that is
    /// opened and never closed turns the rest of the file into one field: such a record is rejected and
    /// counts once for every line it consumed, so the rejected-row ratio sees the loss.
    /// </summary>
    public const int MaxRecordLines = 20;

    /// <summary>The largest record in bytes; a longer one (e.g. an unclosed quote in a big file) fails the run naming file and line.</summary>
    public const int MaxRecordBytes = 1_000_000;

    /// <summary>Why a record over <see cref="MaxRecordBytes"/> fails the run, where the engine words it itself (Spark).</summary>
    public static string RecordTooLongReason { get; } = string.Create(
        System.Globalization.CultureInfo.InvariantCulture,
        $"the record is longer than {MaxRecordBytes} bytes, the most one record may hold (is a closing quote missing?)");

    /// <summary>Sample values are cut to this many characters in logs and run records.</summary>
    public const int MaxSampleValueLength = 100;

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

    public const string DateRangeReason = $"date outside {MinDate}..{MaxDate}";

    public static string TooLongReason(int maxBytes) => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"longer than {maxBytes} bytes (UTF-8), DynamoDB's key limit");

    public const string ExtraFieldsReason = "more fields than the header";

    public static string RunOnReason { get; } = string.Create(
        System.Globalization.CultureInfo.InvariantCulture,
        $"a quoted field runs on over more than {MaxRecordLines} lines from here (is a closing quote missing?); each line counts as a rejected row");

    /// <summary>A sample value as shown: at most <see cref="MaxSampleValueLength"/> characters of its first line.</summary>
    public static string? SampleValue(string? value)
    {
        if (value is null)
        {
            return null;
        }

        var firstLine = value.Split('\n')[0].TrimEnd('\r');
        var cut = firstLine.Length > MaxSampleValueLength ? firstLine[..MaxSampleValueLength] : firstLine;
        return cut.Length < value.Length ? cut + "…" : cut;
    }

    /// <summary>
    /// What trimming removes from either end of a value: Unicode's space separators (category Zs: the space, the
    /// no-break space U+00A0, U+1680, U+2000–U+200A, U+202F, U+205F, U+3000), as DuckDB's trim does. Tabs, line
    /// breaks and other control characters stay part of the value. As a character class that Java's and RE2's regular
    /// expressions both read.
    /// </summary>
    public const string TrimmedSpaces = "[ \u00A0\u1680\u2000-\u200A\u202F\u205F\u3000]";

    /// <summary>An item is returned when its status, trimmed, equals this in any case.</summary>
    public const string ReturnedStatus = "returned";

    /// <summary>order_date is the first this many characters of created_at (yyyy-MM-dd), as written.</summary>
    public const int DateLength = 10;
}
