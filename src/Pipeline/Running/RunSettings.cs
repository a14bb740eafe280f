using System.ComponentModel.DataAnnotations;
using Kpi.Pipeline.Engine.DuckDb;
using Kpi.Shared.Storage;

namespace Kpi.Pipeline.Running;

/// <summary>The settings of one run, from flags or their environment variables.</summary>
internal sealed record RunSettings
{
    public static readonly IReadOnlyList<string> Engines = [DuckDbEngine.EngineName];

    public required string Source { get; init; }
    public string Engine { get; init; } = DuckDbEngine.EngineName;
    public KpiTableOptions Tables { get; init; } = new();
    public string RunId { get; init; } = Guid.NewGuid().ToString();
    public double MaxRejectedRatio { get; init; } = 0.01;
    public bool CreateTables { get; init; }

    /// <summary>Every broken setting, each naming its flag and environment variable.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(Source))
        {
            errors.Add("--source [KPI_SOURCE] is required: a local folder or s3://bucket/prefix.");
        }

        if (!Engines.Contains(Engine))
        {
            errors.Add($"--engine [KPI_ENGINE] must be one of {string.Join(", ", Engines)}, got '{Engine}'.");
        }

        if (!(MaxRejectedRatio is >= 0 and <= 1))
        {
            errors.Add($"--max-rejected-ratio [KPI_MAX_REJECTED_RATIO] must be between 0 and 1, got {MaxRejectedRatio}.");
        }

        if (string.IsNullOrWhiteSpace(RunId) || RunId.Length > 128)
        {
            errors.Add("--run-id [KPI_RUN_ID] must be 1 to 128 characters.");
        }

        var results = new List<ValidationResult>();
        Validator.TryValidateObject(Tables, new ValidationContext(Tables), results, validateAllProperties: true);
        errors.AddRange(results.Select(result => $"{TableSetting(result.MemberNames.FirstOrDefault())}: {result.ErrorMessage}"));
        return errors;
    }

    private static string TableSetting(string? member) => member switch
    {
        nameof(KpiTableOptions.CategoryTable) => $"--category-table [{KpiTableOptions.CategoryTableVariable}]",
        nameof(KpiTableOptions.OrderTable) => $"--order-table [{KpiTableOptions.OrderTableVariable}]",
        _ => $"--runs-table [{KpiTableOptions.RunsTableVariable}]",
    };
}
