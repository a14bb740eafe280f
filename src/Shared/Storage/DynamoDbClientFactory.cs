using Amazon.DynamoDBv2;

namespace Kpi.Shared.Storage;

public static class DynamoDbClientFactory
{
    /// <summary>A client using the default credential chain and the AWS_* environment conventions.</summary>
    public static IAmazonDynamoDB Create() =>
        new AmazonDynamoDBClient(AwsSettings.Configure(new AmazonDynamoDBConfig(), "DYNAMODB"));
}
