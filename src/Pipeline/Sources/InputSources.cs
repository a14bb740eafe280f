namespace Kpi.Pipeline.Sources;

internal static class InputSources
{
    /// <summary>The source named by <c>--source</c>: a local folder (s3:// arrives with the S3 source).</summary>
    public static IInputSource Create(string source) => new LocalFolderSource(source);
}
