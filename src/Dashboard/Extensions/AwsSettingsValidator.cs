using Kpi.Shared.Storage;
using Microsoft.Extensions.Options;

namespace Kpi.Dashboard.Extensions;

/// <summary>Fails start-up with the variable's name when an AWS endpoint override is not a URL.</summary>
internal sealed class AwsSettingsValidator : IValidateOptions<KpiTableOptions>
{
    public ValidateOptionsResult Validate(string? name, KpiTableOptions options)
    {
        try
        {
            AwsSettings.EndpointOverride("DYNAMODB");
            return ValidateOptionsResult.Success;
        }
        catch (InvalidOperationException ex)
        {
            return ValidateOptionsResult.Fail(ex.Message);
        }
    }
}
