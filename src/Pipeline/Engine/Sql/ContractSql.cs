using System.Globalization;
using Kpi.Pipeline.Contract;
using Kpi.Pipeline.Sources;

namespace Kpi.Pipeline.Engine.Sql;

/// <summary>The input contract's rules as SQL expressions, in the dialect of the engine that runs them.</summary>
internal sealed class ContractSql(SqlDialect dialect)
{
    public SqlDialect Dialect => dialect;

    /// <summary>
    /// A file's required columns under their names, from the positional columns <c>c0</c>..<c>cN</c> a reader
    /// gives it (engines read by position: header names differ in case, order and extra columns).
    /// </summary>
    public string InputColumns(InputTable table, HeaderLayout layout) =>
        string.Join(", ", table.Columns.Select(column => string.Create(CultureInfo.InvariantCulture, $"c{layout.Positions[column.Name]} AS {dialect.Identifier(column.Name)}")));

    /// <summary>The reason an input column's raw text value is rejected, or NULL when it passes.</summary>
    public string RejectReason(InputColumn column)
    {
        if (column.Kind == ValueKind.Any)
        {
            return $"CAST(NULL AS {dialect.TextType})";
        }

        var raw = dialect.Identifier(column.Name);
        var value = dialect.Trim(raw);
        var invalid = column.Kind switch
        {
            ValueKind.Text => null,
            ValueKind.Integer => $"NOT {dialect.FullMatch(value, InputRules.IntegerPattern)}",
            ValueKind.Decimal => $"NOT {dialect.FullMatch(value, InputRules.DecimalPattern)}",
            ValueKind.Timestamp => $"NOT {dialect.FullMatch(value, InputRules.TimestampPattern)} " +
                                   $"OR NOT {dialect.IsDate(Date(value))} " +
                                   $"OR NOT {dialect.IsTime($"substr({value}, 12, 8)")}",
            _ => throw new ArgumentOutOfRangeException(nameof(column), column.Kind, null),
        };
        var missingReason = column.Kind == ValueKind.Text ? InputRules.Reason(ValueKind.Text) : InputRules.MissingReason;
        var cases = new List<string> { $"WHEN {raw} IS NULL OR {value} = '' THEN {dialect.Literal(missingReason)}" };
        if (invalid is not null)
        {
            cases.Add($"WHEN {invalid} THEN {dialect.Literal(InputRules.Reason(column.Kind))}");
        }

        // The pattern has four year digits, so text order is date order; 0000 would break later stages.
        if (column.Kind == ValueKind.Timestamp)
        {
            cases.Add($"WHEN {Date(value)} < {dialect.Literal(InputRules.MinDate)} OR {Date(value)} > {dialect.Literal(InputRules.MaxDate)} " +
                      $"THEN {dialect.Literal(InputRules.DateRangeReason)}");
        }

        if (column.MaxBytes is { } maxBytes)
        {
            cases.Add(string.Create(CultureInfo.InvariantCulture, $"WHEN {dialect.ByteLength(value)} > {maxBytes} THEN {dialect.Literal(InputRules.TooLongReason(maxBytes))}"));
        }

        return $"CASE {string.Join(' ', cases)} END";
    }

    /// <summary>
    /// How many physical lines a record spans, from all of its raw fields (line breaks occur only inside
    /// quoted fields). Counting is costly, so it runs only for the few records that hold a line break at all.
    /// </summary>
    public string RecordLines(IEnumerable<string> rawColumns)
    {
        var columns = rawColumns.Select(dialect.Identifier).ToList();
        var anyLineFeed = string.Join(" OR ", columns.Select(column => dialect.Contains(column, dialect.LineFeed)));

        // concat_ws skips NULL fields in every engine.
        var all = $"concat_ws('', {string.Join(", ", columns)})";
        return $"(CASE WHEN {anyLineFeed} THEN 1 + length({all}) - length(replace({all}, {dialect.LineFeed}, '')) ELSE 1 END)";
    }

    /// <summary>
    /// How a raw relation (the table's columns, <c>extra_fields</c> and <c>lines</c>) is judged, row by row:
    /// <see cref="Rejection.Checks"/> go in an inner select list (each rule runs once), and the outer one takes the
    /// first broken column, its value and the reason (NULL for a row that passes). A record that runs on is
    /// rejected as a whole, before any of its columns is looked at.
    /// </summary>
    public Rejection Reject(InputTable table)
    {
        var columns = table.Columns;
        var checks = $"{RunOnReason("lines")} AS run_on, " + string.Join(", ", columns.Select((column, i) => $"{RejectReason(column)} AS r{i}"));
        var whichColumn = string.Join(" ", columns.Select((column, i) => $"WHEN r{i} IS NOT NULL THEN {dialect.Literal(column.Name)}"));
        var whichValue = string.Join(" ", columns.Select((column, i) => $"WHEN r{i} IS NOT NULL THEN {dialect.Identifier(column.Name)}"));
        var wholeRecord = dialect.Literal(InputRules.ExtraFieldsColumn);
        return new Rejection(
            checks,
            $"CASE WHEN run_on IS NOT NULL THEN {wholeRecord} {whichColumn} ELSE {wholeRecord} END",
            $"CASE WHEN run_on IS NOT NULL THEN NULL {whichValue} ELSE extra_fields END",
            $"COALESCE(run_on, {string.Join(", ", columns.Select((_, i) => $"r{i}"))}, " +
            $"CASE WHEN extra_fields IS NOT NULL THEN {dialect.Literal(InputRules.ExtraFieldsReason)} END)");
    }

    /// <summary>The reason a record is rejected as a whole because it spans too many lines, or NULL.</summary>
    public string RunOnReason(string linesColumn) =>
        string.Create(CultureInfo.InvariantCulture,
            $"CASE WHEN {dialect.Identifier(linesColumn)} > {InputRules.MaxRecordLines} THEN {dialect.Literal(InputRules.RunOnReason)} END");

    private static string Date(string value) => string.Create(CultureInfo.InvariantCulture, $"substr({value}, 1, {InputRules.DateLength})");

    /// <summary>A clean column's typed value, from an input column that passed validation, named as the column.</summary>
    public string Convert(CleanColumn column) => Convert(column, dialect.Trim(dialect.Identifier(column.From)));

    private string Convert(CleanColumn column, string value)
    {
        var converted = column.How switch
        {
            Conversion.Integer => dialect.ToBigint(value),
            Conversion.Decimal => dialect.ToDecimal(value, InputRules.DecimalPrecision, InputRules.DecimalScale),
            Conversion.DateAsWritten => string.Create(CultureInfo.InvariantCulture, $"substr({value}, 1, {InputRules.DateLength})"),
            Conversion.IsReturned => $"COALESCE(lower({value}) = {dialect.Literal(InputRules.ReturnedStatus)}, false)",
            Conversion.TrimmedText => value,
            _ => throw new ArgumentOutOfRangeException(nameof(column), column.How, null),
        };
        return $"{converted} AS {dialect.Identifier(column.Name)}";
    }

    /// <summary>Every typed column of the table's clean relation.</summary>
    public string CleanColumns(InputTable table) => string.Join(", ", table.Clean.Select(Convert));

    /// <summary>
    /// Every typed column of the clean relation, from screened input (values in their plain form) that a typed
    /// reader has already read as integers and decimals. Plain timestamps and texts have no white space at
    /// either end (<c>PlainForms</c>), so nothing is trimmed from them; a value of any form (the status) still is.
    /// </summary>
    public string CleanColumnsTyped(InputTable table) => string.Join(", ", table.Clean.Select(column =>
        column.How is Conversion.Integer or Conversion.Decimal ? $"{dialect.Identifier(column.From)} AS {dialect.Identifier(column.Name)}"
        : table.Columns.Single(input => input.Name == column.From).Kind is ValueKind.Timestamp or ValueKind.Text ? Convert(column, dialect.Identifier(column.From))
        : Convert(column)));
}

/// <summary>The SQL expressions of <see cref="ContractSql.Reject"/>.</summary>
internal sealed record Rejection(string Checks, string ColumnName, string Value, string Reason);
