using System.ComponentModel.DataAnnotations;
using System.Diagnostics.CodeAnalysis;

namespace Kpi.Shared.Storage;

/// <summary>Names of the DynamoDB tables, from CATEGORY_KPIS_TABLE, ORDER_KPIS_TABLE and KPI_RUNS_TABLE.</summary>
public sealed class KpiTableOptions
{
    public const string DefaultCategoryTable = "category_kpis_table";
    public const string DefaultOrderTable = "order_kpis_table";
    public const string DefaultRunsTable = "kpi_runs";

    public const string CategoryTableVariable = "CATEGORY_KPIS_TABLE";
    public const string OrderTableVariable = "ORDER_KPIS_TABLE";
    public const string RunsTableVariable = "KPI_RUNS_TABLE";

    [Display(Name = CategoryTableVariable), Required, RegularExpression(TableNamePattern, ErrorMessage = TableNameRule)]
    public string CategoryTable { get; set; } = DefaultCategoryTable;

    [Display(Name = OrderTableVariable), Required, RegularExpression(TableNamePattern, ErrorMessage = TableNameRule)]
    public string OrderTable { get; set; } = DefaultOrderTable;

    [Display(Name = RunsTableVariable), Required, RegularExpression(TableNamePattern, ErrorMessage = TableNameRule)]
    public string RunsTable { get; set; } = DefaultRunsTable;

    /// <summary>Reads the table-name variables, keeping the defaults for those not set.</summary>
    public void Bind(Func<string, string?> read)
    {
        CategoryTable = read(CategoryTableVariable) ?? CategoryTable;
        OrderTable = read(OrderTableVariable) ?? OrderTable;
        RunsTable = read(RunsTableVariable) ?? RunsTable;
    }

    /// <summary>Every broken name, each naming its flag and environment variable.</summary>
    /// <remarks>
    /// The attributes are read by reflection: the dependency keeps the properties in a trimmed (native AOT)
    /// publish, and the display name is given, so the reflection the suppressed warning is about is covered.
    /// (The options validator source generator would avoid the reflection, but its messages name the property,
    /// <c>KpiTableOptions.OrderTable</c>, instead of the variable the user sets.)
    /// </remarks>
    [DynamicDependency(DynamicallyAccessedMemberTypes.PublicProperties, typeof(KpiTableOptions))]
    [UnconditionalSuppressMessage("Trimming", "IL2026", Justification = "The properties are kept by the DynamicDependency above.")]
    public IReadOnlyList<string> Validate()
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(this, new ValidationContext(this, nameof(KpiTableOptions), null, null), results, validateAllProperties: true);
        var errors = results.Select(result => $"{Flag(result.MemberNames.FirstOrDefault())}: {result.ErrorMessage}").ToList();

        // Each table holds its own kind of item: two settings naming one table would write one kind over the other.
        var names = new[] { (nameof(CategoryTable), CategoryTable), (nameof(OrderTable), OrderTable), (nameof(RunsTable), RunsTable) };
        errors.AddRange(names.GroupBy(name => name.Item2, StringComparer.Ordinal).Where(same => same.Count() > 1).Select(same =>
            $"{string.Join(" and ", same.Select(name => Flag(name.Item1)))} name the same table '{same.Key}'; each needs its own."));
        return errors;
    }

    private static string Flag(string? member) => member switch
    {
        nameof(CategoryTable) => $"--category-table [{CategoryTableVariable}]",
        nameof(OrderTable) => $"--order-table [{OrderTableVariable}]",
        nameof(RunsTable) => $"--runs-table [{RunsTableVariable}]",
        _ => member ?? nameof(KpiTableOptions),
    };

    private const string TableNamePattern = "^[A-Za-z0-9_.-]{3,255}$";
    private const string TableNameRule = "{0} must be a DynamoDB table name: 3 to 255 of A-Z a-z 0-9 _ . -";
}
