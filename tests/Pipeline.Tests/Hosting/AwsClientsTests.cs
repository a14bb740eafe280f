using Amazon.DynamoDBv2;
using Amazon.Extensions.NETCore.Setup;
using Amazon.Runtime;
using Kpi.Pipeline.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Kpi.Pipeline.Tests.Hosting;

public sealed class AwsClientsTests
{
    [Fact]
    public void A_dynamodb_call_waits_for_its_answer_at_most_the_bounded_request_timeout()
    {
        var services = new ServiceCollection().AddPipelineAws();

        // Credentials of the test's own, so that the client can be made on a machine without any.
        services.AddDefaultAWSOptions(new AWSOptions { Credentials = new BasicAWSCredentials("test", "test") });
        using var provider = services.BuildServiceProvider();

        var client = provider.GetRequiredService<IAmazonDynamoDB>();

        Assert.Equal(TimeSpan.FromSeconds(10), client.Config.Timeout);
        Assert.Equal(AwsClients.DynamoDbRequestTimeout, client.Config.Timeout);
    }
}
