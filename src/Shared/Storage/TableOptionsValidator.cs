using Microsoft.Extensions.Options;

namespace Kpi.Shared.Storage;

/// <summary>The table names, each error naming its flag and variable (the pipeline's commands, the dashboard).</summary>
public sealed class TableOptionsValidator : IValidateOptions<KpiTableOptions>
{
    public ValidateOptionsResult Validate(string? name, KpiTableOptions options) =>
        options.Validate() is { Count: > 0 } errors ? ValidateOptionsResult.Fail(errors) : ValidateOptionsResult.Success;
}
