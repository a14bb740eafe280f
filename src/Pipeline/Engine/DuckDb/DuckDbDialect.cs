using Kpi.Pipeline.Engine.Sql;

namespace Kpi.Pipeline.Engine.DuckDb;

/// <summary>DuckDB's names for what the contract needs.</summary>
internal sealed class DuckDbDialect : SqlDialect
{
    public static readonly DuckDbDialect Instance = new();

    public override string TextType => "VARCHAR";

    public override string FullMatch(string text, string pattern) => $"regexp_full_match({text}, {Literal(pattern)})";

    public override string IsDate(string text) => $"(TRY_CAST({text} AS DATE) IS NOT NULL)";

    public override string IsTime(string text) => $"(TRY_CAST({text} AS TIME) IS NOT NULL)";

    /// <summary>DuckDB's strlen counts bytes (length counts characters).</summary>
    public override string ByteLength(string text) => $"strlen({text})";

    public override string LineFeed => "chr(10)";

    public override string Contains(string text, string part) => $"contains({text}, {part})";

    public override string ToBigint(string text) => $"CAST({text} AS BIGINT)";

    public override string ToDecimal(string text, int precision, int scale) => $"CAST({text} AS DECIMAL({precision}, {scale}))";
}
