using System.ComponentModel.DataAnnotations;
using Kpi.Shared.Storage;

namespace Kpi.Dashboard.DataProtection;

/// <summary>Where every dashboard task keeps the shared data-protection key ring.</summary>
public sealed class DataProtectionTableOptions
{
    public const string CreateTableVariable = "KPI_DATAPROTECTION_CREATE_TABLE";

    [Display(Name = DataProtectionAttributes.TableVariable), Required]
    [RegularExpression("^[A-Za-z0-9_.-]{3,255}$", ErrorMessage = "{0} must be a DynamoDB table name: 3 to 255 of A-Z a-z 0-9 _ . -")]
    public string Table { get; set; } = DataProtectionAttributes.DefaultTable;

    /// <summary>Create the table when it is missing (local runs and the demo; in AWS the stack creates it).</summary>
    public bool CreateTable { get; set; }

    public void Bind(Func<string, string?> read)
    {
        Table = read(DataProtectionAttributes.TableVariable) ?? Table;
        CreateTable = string.Equals(read(CreateTableVariable), "true", StringComparison.OrdinalIgnoreCase);
    }
}
