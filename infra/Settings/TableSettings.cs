using Kpi.Shared.Storage;

namespace Kpi.Infra.Settings;

/// <summary>The DynamoDB tables: names (the code's defaults) and how well they are protected.</summary>
public sealed record TableSettings
{
    public string CategoryTable { get; init; } = KpiTableOptions.DefaultCategoryTable;

    public string OrderTable { get; init; } = KpiTableOptions.DefaultOrderTable;

    public string RunsTable { get; init; } = KpiTableOptions.DefaultRunsTable;

    /// <summary>The dashboard's shared data-protection key ring (KPI_DATAPROTECTION_TABLE).</summary>
    public string DataProtectionTable { get; init; } = DataProtectionAttributes.DefaultTable;

    /// <summary>DynamoDB deletion protection; a deletion-protected table must be switched off before it can be deleted.</summary>
    public bool DeletionProtection { get; init; } = true;

    /// <summary>Continuous backups with point-in-time recovery (35 days).</summary>
    public bool PointInTimeRecovery { get; init; } = true;

    /// <summary>Keep the tables when the stack is deleted (the default) instead of deleting them with it.</summary>
    public bool RetainOnDelete { get; init; } = true;
}
