using Amazon.Runtime;

namespace Kpi.Shared.Storage;

/// <summary>
/// The SDK's own conventions for region and endpoint overrides, read once from the environment:
/// AWS_REGION (default eu-west-1), AWS_ENDPOINT_URL_&lt;SERVICE&gt; and then AWS_ENDPOINT_URL.
/// </summary>
public static class AwsSettings
{
    public const string DefaultRegion = "eu-west-1";

    public static string Region =>
        NonEmpty(Environment.GetEnvironmentVariable("AWS_REGION"))
        ?? NonEmpty(Environment.GetEnvironmentVariable("AWS_DEFAULT_REGION"))
        ?? DefaultRegion;

    /// <summary>The endpoint override for a service (e.g. "DYNAMODB", "S3"), or null for the real AWS endpoint.</summary>
    public static Uri? EndpointOverride(string service)
    {
        var variable = $"AWS_ENDPOINT_URL_{service}";
        var value = NonEmpty(Environment.GetEnvironmentVariable(variable));
        if (value is null)
        {
            variable = "AWS_ENDPOINT_URL";
            value = NonEmpty(Environment.GetEnvironmentVariable(variable));
        }

        if (value is null)
        {
            return null;
        }

        return Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
            ? uri
            : throw new InvalidOperationException($"{variable} must be an absolute http(s) URL, got '{value}'.");
    }

    /// <summary>Every endpoint variable that is set but is not an absolute http(s) URL, each named.</summary>
    public static IReadOnlyList<string> EndpointErrors(params string[] services)
    {
        var errors = new List<string>();
        foreach (var variable in services.Select(service => $"AWS_ENDPOINT_URL_{service}").Append("AWS_ENDPOINT_URL"))
        {
            if (NonEmpty(Environment.GetEnvironmentVariable(variable)) is { } value &&
                !(Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)))
            {
                errors.Add($"{variable} must be an absolute http(s) URL, got '{value}'.");
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

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
