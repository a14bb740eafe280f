using Kpi.Shared.Storage;

namespace Kpi.Dashboard.Runs.Ecs;

/// <summary>
/// Where ECS calls go and the region they are signed for, by the SDK's conventions as the rest of the project:
/// AWS_ENDPOINT_URL_ECS, then AWS_ENDPOINT_URL, else https://ecs.&lt;AWS_REGION&gt;.amazonaws.com (default eu-west-1).
/// </summary>
internal sealed record EcsEndpoint(Uri Url, string Region)
{
    public const string EndpointVariable = "AWS_ENDPOINT_URL_ECS";
    public const string SharedEndpointVariable = "AWS_ENDPOINT_URL";

    /// <summary>Reads the variables through <paramref name="read"/> (configuration or the environment).</summary>
    public static EcsEndpoint Resolve(Func<string, string?> read)
    {
        var region = NonEmpty(read("AWS_REGION")) ?? NonEmpty(read("AWS_DEFAULT_REGION")) ?? AwsSettings.DefaultRegion;
        foreach (var variable in (string[])[EndpointVariable, SharedEndpointVariable])
        {
            if (NonEmpty(read(variable)) is { } value)
            {
                return Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
                    ? new EcsEndpoint(uri, region)
                    : throw new InvalidOperationException($"{variable} must be an absolute http(s) URL, got '{value}'.");
            }
        }

        return new EcsEndpoint(new Uri($"https://ecs.{region}.amazonaws.com"), region);
    }

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
