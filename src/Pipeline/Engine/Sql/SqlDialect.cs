namespace Kpi.Pipeline.Engine.Sql;

/// <summary>
/// What differs between the engines' SQL: each engine supplies one dialect, and <see cref="ContractSql"/>
/// builds the validation and conversion expressions of the contract from it.
/// </summary>
internal abstract class SqlDialect
{
    /// <summary>The name of the variable-length text type.</summary>
    public abstract string TextType { get; }

    /// <summary>True when the whole of <paramref name="text"/> matches the regular expression.</summary>
    public abstract string FullMatch(string text, string pattern);

    /// <summary>True when <paramref name="text"/> (yyyy-MM-dd) is a real calendar date.</summary>
    public abstract string IsDate(string text);

    /// <summary>True when <paramref name="text"/> (HH:mm:ss) is a real time of day.</summary>
    public abstract string IsTime(string text);

    /// <summary>The length of <paramref name="text"/> in UTF-8 bytes.</summary>
    public abstract string ByteLength(string text);

    /// <summary>True when <paramref name="text"/> contains <paramref name="part"/> (NULL for a NULL text).</summary>
    public abstract string Contains(string text, string part);

    /// <summary>A text of one line feed character.</summary>
    public abstract string LineFeed { get; }

    /// <summary><paramref name="text"/> without <see cref="Contract.InputRules.TrimmedSpaces"/> at either end (DuckDB's trim).</summary>
    public virtual string Trim(string text) => $"trim({text})";

    public abstract string ToBigint(string text);

    public abstract string ToDecimal(string text, int precision, int scale);

    public virtual string Literal(string text) => $"'{text.Replace("'", "''", StringComparison.Ordinal)}'";

    public virtual string Identifier(string name) => $"\"{name.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";
}
