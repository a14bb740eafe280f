using Amazon.S3;
using Kpi.Shared.Storage;

namespace Kpi.Pipeline.Sources;

internal static class InputSources
{
    /// <summary>The source named by <c>--source</c>: <c>s3://</c> or <c>s3a://</c> for S3, otherwise a local folder.</summary>
    public static IInputSource Create(string source) => S3Location.IsS3(source)
        ? new S3Source(CreateS3Client(), S3Location.Parse(source))
        : new LocalFolderSource(source);

    /// <summary>
    /// The default credential chain and AWS_REGION / AWS_ENDPOINT_URL_S3 / AWS_ENDPOINT_URL; path-style
    /// addressing with an endpoint override (local S3 servers have no per-bucket host names).
    /// </summary>
    public static IAmazonS3 CreateS3Client()
    {
        var config = AwsSettings.Configure(new AmazonS3Config(), "S3");
        config.ForcePathStyle = config.ServiceURL is not null;
        config.ResponseChecksumValidation = Amazon.Runtime.ResponseChecksumValidation.WHEN_REQUIRED;
        return new AmazonS3Client(config);
    }
}
