using Amazon.DynamoDBv2;
using Amazon.S3;
using Kpi.Pipeline.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Kpi.IoBench;

/// <summary>The AWS clients exactly as the pipeline makes them (same configuration, from the environment).</summary>
internal static class Clients
{
    private static readonly ServiceProvider Services = new ServiceCollection().AddPipelineAws().BuildServiceProvider();

    public static IAmazonS3 S3 => Services.GetRequiredService<IAmazonS3>();

    public static IAmazonDynamoDB DynamoDb => Services.GetRequiredService<IAmazonDynamoDB>();
}
