using Amazon.Runtime;

namespace Kpi.Shared.Storage;

/// <summary>
/// The SDK's own conventions for region and endpoint overrides, read once from the environment:
/// AWS_REGION (default eu-west-1), AWS_ENDPOINT_URL_&lt;SERVICE&gt; and then AWS_ENDPOINT_URL.
/// </summary>
public static class AwsSettings
{
    public const string DefaultRegion = "eu-west-1";

    public static string Region => RegionFrom(Environment.GetEnvironmentVariable);

    /// <summary>AWS_REGION, then AWS_DEFAULT_REGION, read through <paramref name="read"/> (configuration or the environment).</summary>
    public static string RegionFrom(Func<string, string?> read) =>
        NonEmpty(read("AWS_REGION")) ?? NonEmpty(read("AWS_DEFAULT_REGION")) ?? DefaultRegion;

    /// <summary>The endpoint override for a service (e.g. "DYNAMODB", "S3"), or null for the real AWS endpoint.</summary>
    public static Uri? EndpointOverride(string service) => EndpointOverride(service, Environment.GetEnvironmentVariable);

    /// <summary>
    /// AWS_ENDPOINT_URL_&lt;SERVICE&gt;, then AWS_ENDPOINT_URL, read through <paramref name="read"/>; a value that is
    /// not an absolute http(s) URL is an error naming its variable.
    /// </summary>
    public static Uri? EndpointOverride(string service, Func<string, string?> read)
    {
        foreach (var variable in (string[])[$"AWS_ENDPOINT_URL_{service}", "AWS_ENDPOINT_URL"])
        {
            if (NonEmpty(read(variable)) is { } value)
            {
                return HttpUrl(value) ?? throw new InvalidSettingException(NotAUrl(variable, value));
            }
        }

        return null;
    }

    /// <summary>Every endpoint variable that is set but is not an absolute http(s) URL, each named.</summary>
    public static IReadOnlyList<string> EndpointErrors(params string[] services)
    {
        var errors = new List<string>();
        foreach (var variable in services.Select(service => $"AWS_ENDPOINT_URL_{service}").Append("AWS_ENDPOINT_URL"))
        {
            if (NonEmpty(Environment.GetEnvironmentVariable(variable)) is { } value && HttpUrl(value) is null)
            {
                errors.Add(NotAUrl(variable, value));
            }
        }

        return errors;
    }

    /// <summary>
    /// Points a client config at the override when one is set. With SDK v4, ServiceURL goes with
    /// AuthenticationRegion; setting RegionEndpoint after it would silently send requests to AWS.
    /// </summary>
    public static T Configure<T>(T config, string service)
        where T : ClientConfig
    {
        var endpoint = EndpointOverride(service);
        if (endpoint is null)
        {
            config.RegionEndpoint = Amazon.RegionEndpoint.GetBySystemName(Region);
        }
        else
        {
            config.ServiceURL = endpoint.ToString();
            config.AuthenticationRegion = Region;
        }

        return config;
    }

    private static Uri? HttpUrl(string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps) ? uri : null;

    private static string NotAUrl(string variable, string value) => $"{variable} must be an absolute http(s) URL, got '{value}'.";

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
