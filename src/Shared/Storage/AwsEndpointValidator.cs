using Microsoft.Extensions.Options;

namespace Kpi.Shared.Storage;

/// <summary>
/// Fails start-up, naming the variable, when an AWS endpoint override the SDK would use for one of
/// <paramref name="services"/> (e.g. "DYNAMODB", "S3") is not an absolute http(s) URL.
/// </summary>
public sealed class AwsEndpointValidator<TOptions>(params string[] services) : IValidateOptions<TOptions>
    where TOptions : class
{
    public ValidateOptionsResult Validate(string? name, TOptions options) =>
        AwsSettings.EndpointErrors(services) is { Count: > 0 } errors ? ValidateOptionsResult.Fail(errors) : ValidateOptionsResult.Success;
}
