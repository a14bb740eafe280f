using Amazon.DynamoDBv2;

namespace Kpi.Shared.Storage;

public static class DynamoDbClientFactory
{
    /// <summary>A client using the default credential chain and the AWS_* environment conventions.</summary>
    public static IAmazonDynamoDB Create(Action<AmazonDynamoDBConfig>? configure = null)
    {
        var config = AwsSettings.Configure(new AmazonDynamoDBConfig(), "DYNAMODB");
        configure?.Invoke(config);
        return new AmazonDynamoDBClient(config);
    }
}
