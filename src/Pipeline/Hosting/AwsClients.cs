using Amazon;
using Amazon.DynamoDBv2;
using Amazon.Extensions.NETCore.Setup;
using Amazon.Runtime;
using Amazon.S3;
using Kpi.Shared.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Kpi.Pipeline.Hosting;

/// <summary>
/// AWS clients through AWSSDK.Extensions.NETCore.Setup: the SDK resolves credentials (default chain),
/// region (AWS_REGION) and endpoint overrides (AWS_ENDPOINT_URL_DYNAMODB, AWS_ENDPOINT_URL_S3,
/// AWS_ENDPOINT_URL) itself; only the region's default and S3's addressing are set here.
/// </summary>
internal static class AwsClients
{
    /// <summary>
    /// How long one DynamoDB call may wait for its answer (the SDK's default is 100 s). A call takes milliseconds;
    /// an endpoint that accepts connections and never answers (a stopped server, a network that drops packets) is
    /// then retried as a timeout and fails the run within minutes instead of holding it for hours.
    /// </summary>
    public static readonly TimeSpan DynamoDbRequestTimeout = TimeSpan.FromSeconds(10);

    public static IServiceCollection AddPipelineAws(this IServiceCollection services)
    {
        services.AddDefaultAWSOptions(new AWSOptions());
        services.AddAWSService<IAmazonDynamoDB>((config, _) =>
        {
            DefaultRegion(config);
            config.Timeout = DynamoDbRequestTimeout;
        });
        services.AddAWSService<IAmazonS3>((config, _) =>
        {
            DefaultRegion(config);
            var s3 = (AmazonS3Config)config;

            // Local S3 servers have no per-bucket host names.
            s3.ForcePathStyle = !string.IsNullOrEmpty(s3.ServiceURL);
            s3.ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED;
        });
        return services;
    }

    private static void DefaultRegion(ClientConfig config)
    {
        if (config.RegionEndpoint is null && string.IsNullOrEmpty(config.ServiceURL))
        {
            config.RegionEndpoint = RegionEndpoint.GetBySystemName(AwsSettings.DefaultRegion);
        }
    }
}
