using Kpi.Dashboard.Runs.Ecs;

namespace Kpi.Dashboard.Tests.Runs.Ecs;

public sealed class EcsEndpointTests
{
    [Theory]
    [InlineData("http://127.0.0.1:4566/", "http://127.0.0.1:9999/", null, "http://127.0.0.1:4566/", "eu-west-1")]
    [InlineData(null, "http://127.0.0.1:9999/", "us-east-1", "http://127.0.0.1:9999/", "us-east-1")]
    [InlineData(null, null, null, "https://ecs.eu-west-1.amazonaws.com/", "eu-west-1")]
    [InlineData(null, null, "eu-central-1", "https://ecs.eu-central-1.amazonaws.com/", "eu-central-1")]
    [InlineData(" ", "", null, "https://ecs.eu-west-1.amazonaws.com/", "eu-west-1")]
    public void AWS_ENDPOINT_URL_ECS_wins_over_AWS_ENDPOINT_URL_and_the_region_picks_the_AWS_endpoint(
        string? ecsEndpoint, string? sharedEndpoint, string? region, string expectedUrl, string expectedRegion)
    {
        var variables = new Dictionary<string, string?>
        {
            ["AWS_ENDPOINT_URL_ECS"] = ecsEndpoint,
            ["AWS_ENDPOINT_URL"] = sharedEndpoint,
            ["AWS_REGION"] = region,
        };

        var endpoint = EcsEndpoint.Resolve(name => variables.GetValueOrDefault(name));

        Assert.Equal(new Uri(expectedUrl), endpoint.Url);
        Assert.Equal(expectedRegion, endpoint.Region);
    }

    [Fact]
    public void An_endpoint_that_is_not_a_URL_is_refused_naming_the_variable()
    {
        var error = Assert.Throws<Kpi.Shared.InvalidSettingException>(() => EcsEndpoint.Resolve(name => name == "AWS_ENDPOINT_URL" ? "ecs.local" : null));

        Assert.Equal("AWS_ENDPOINT_URL must be an absolute http(s) URL, got 'ecs.local'.", error.Message);
    }
}
