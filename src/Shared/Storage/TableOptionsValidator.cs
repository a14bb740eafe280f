using Kpi.Shared.Storage;
using Microsoft.Extensions.Options;

namespace Kpi.Pipeline.Hosting;

/// <summary>The table names of a command that only reads the tables, with the messages of <c>run</c>'s.</summary>
internal sealed class TableOptionsValidator : IValidateOptions<KpiTableOptions>
{
    public ValidateOptionsResult Validate(string? name, KpiTableOptions options) =>
        options.Validate() is { Count: > 0 } errors ? ValidateOptionsResult.Fail(errors) : ValidateOptionsResult.Success;
}
