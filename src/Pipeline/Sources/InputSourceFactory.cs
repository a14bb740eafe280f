using Amazon.S3;
using Microsoft.Extensions.DependencyInjection;

namespace Kpi.Pipeline.Sources;

/// <summary>The source named by <c>--source</c>: <c>s3://</c> or <c>s3a://</c> for S3, otherwise a local folder.</summary>
internal sealed class InputSourceFactory(IServiceProvider services)
{
    public IInputSource Create(string source) => S3Location.IsS3(source)
        ? new S3Source(services.GetRequiredService<IAmazonS3>(), S3Location.Parse(source))
        : new LocalFolderSource(source);
}
