using Kpi.Shared.Storage;

namespace Kpi.Dashboard.Runs.Ecs;

/// <summary>
/// Where ECS calls go and the region they are signed for, by the SDK's conventions as the rest of the project:
/// AWS_ENDPOINT_URL_ECS, then AWS_ENDPOINT_URL, else https://ecs.&lt;AWS_REGION&gt;.amazonaws.com (default eu-west-1).
/// </summary>
internal sealed record EcsEndpoint(Uri Url, string Region)
{
    /// <summary>Reads the variables through <paramref name="read"/> (configuration or the environment).</summary>
    public static EcsEndpoint Resolve(Func<string, string?> read)
    {
        var region = AwsSettings.RegionFrom(read);
        return new EcsEndpoint(AwsSettings.EndpointOverride("ECS", read) ?? new Uri($"https://ecs.{region}.amazonaws.com"), region);
    }
}
