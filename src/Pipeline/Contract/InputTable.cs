namespace Kpi.Pipeline.Contract;

/// <summary>
/// One input table of the contract, independent of any engine: the columns the KPIs need with the kind of
/// value each must hold, the primary key, and the typed columns of its clean relation.
/// </summary>
internal sealed record InputTable(string Name, IReadOnlyList<InputColumn> Columns, string Key, IReadOnlyList<CleanColumn> Clean)
{
    public static readonly InputTable Orders = new(
        "orders",
        [new("order_id", ValueKind.Integer), new("user_id", ValueKind.Integer), new("created_at", ValueKind.Timestamp)],
        Key: "order_id",
        [new("order_id", Conversion.Integer, "order_id"), new("user_id", Conversion.Integer, "user_id"), new("order_date", Conversion.DateAsWritten, "created_at")]);

    public static readonly InputTable OrderItems = new(
        "order_items",
        [
            new("id", ValueKind.Integer), new("order_id", ValueKind.Integer), new("product_id", ValueKind.Integer),
            new("status", ValueKind.Any), new("created_at", ValueKind.Timestamp), new("sale_price", ValueKind.Decimal),
        ],
        Key: "id",
        [
            new("id", Conversion.Integer, "id"), new("order_id", Conversion.Integer, "order_id"), new("product_id", Conversion.Integer, "product_id"),
            new("returned", Conversion.IsReturned, "status"), new("order_date", Conversion.DateAsWritten, "created_at"),
            new("sale_price", Conversion.Decimal, "sale_price"),
        ]);

    public static readonly InputTable Products = new(
        "products",
        [new("id", ValueKind.Integer), new("category", ValueKind.Text, InputRules.PartitionKeyMaxBytes)],
        Key: "id",
        [new("id", Conversion.Integer, "id"), new("category", Conversion.TrimmedText, "category")]);

    public static IReadOnlyList<InputTable> All { get; } = [Orders, OrderItems, Products];

    public IEnumerable<string> RequiredColumns => Columns.Select(column => column.Name);
}

/// <summary>
/// A column the KPIs need from an input file, the kind of value it must hold, and for a value that becomes a
/// DynamoDB key, its largest size in UTF-8 bytes after trimming.
/// </summary>
internal sealed record InputColumn(string Name, ValueKind Kind, int? MaxBytes = null);

internal enum ValueKind
{
    /// <summary>Any value, empty included.</summary>
    Any,
    Integer,

    /// <summary>An ISO 8601 timestamp whose date lies in <see cref="InputRules.MinDate"/>..<see cref="InputRules.MaxDate"/>.</summary>
    Timestamp,
    Decimal,

    /// <summary>Non-empty after trimming.</summary>
    Text,
}

/// <summary>A typed column of a table's clean relation, converted from an input column that passed validation.</summary>
internal sealed record CleanColumn(string Name, Conversion How, string From);

internal enum Conversion
{
    /// <summary>A 64-bit integer.</summary>
    Integer,

    /// <summary>DECIMAL(<see cref="InputRules.DecimalPrecision"/>, <see cref="InputRules.DecimalScale"/>).</summary>
    Decimal,

    /// <summary>The first ten characters, yyyy-MM-dd, as written: no time-zone conversion.</summary>
    DateAsWritten,

    /// <summary>True when the trimmed value equals <see cref="InputRules.ReturnedStatus"/> in any case.</summary>
    IsReturned,

    /// <summary>The value without surrounding white space.</summary>
    TrimmedText,
}
