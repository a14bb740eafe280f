using Kpi.Pipeline.Contract;
using Kpi.Pipeline.Engine.Sql;

namespace Kpi.Pipeline.Engine.Spark;

/// <summary>
/// Spark SQL's names for what the contract needs, built-in functions only. Conversions use <c>try_cast</c>:
/// with ANSI mode on (Spark 4's default) the optimizer may evaluate a cast before the filter that drops
/// the rejected rows, and a plain CAST would then fail the query.
/// </summary>
internal sealed class SparkDialect : SqlDialect
{
    public static readonly SparkDialect Instance = new();

    public override string TextType => "STRING";

    /// <summary>regexp_like finds a match anywhere (Java regex), so the pattern is anchored.</summary>
    public override string FullMatch(string text, string pattern) => $"regexp_like({text}, {Literal($"^(?:{pattern})$")})";

    public override string IsDate(string text) => $"(try_to_timestamp({text}, 'yyyy-MM-dd') IS NOT NULL)";

    public override string IsTime(string text) => $"(try_to_timestamp(concat('1970-01-01 ', {text}), 'yyyy-MM-dd HH:mm:ss') IS NOT NULL)";

    /// <summary>octet_length counts the bytes of the string's UTF-8 form.</summary>
    public override string ByteLength(string text) => $"octet_length({text})";

    public override string LineFeed => "chr(10)";

    public override string Contains(string text, string part) => $"contains({text}, {part})";

    /// <summary>
    /// Spark's trim removes the space (U+0020) alone; the contract trims every space separator, as DuckDB does. What
    /// lies between them, line breaks included (<c>(?s)</c>; <c>\z</c>, as Java's <c>$</c> also matches before a
    /// final line break).
    /// </summary>
    public override string Trim(string text) =>
        $"regexp_extract({text}, {Literal($"(?s)\\A{InputRules.TrimmedSpaces}*(.*?){InputRules.TrimmedSpaces}*\\z")}, 1)";

    public override string ToBigint(string text) => $"try_cast({text} AS BIGINT)";

    public override string ToDecimal(string text, int precision, int scale) => $"try_cast({text} AS DECIMAL({precision}, {scale}))";

    /// <summary>Spark string literals take backslash escapes.</summary>
    public override string Literal(string text) =>
        $"'{text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "\\'", StringComparison.Ordinal)}'";

    public override string Identifier(string name) => $"`{name.Replace("`", "``", StringComparison.Ordinal)}`";
}
