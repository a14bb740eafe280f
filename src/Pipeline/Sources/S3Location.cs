namespace Kpi.Pipeline.Sources;

/// <summary>An <c>s3://bucket/prefix</c> (or Spark's <c>s3a://</c>) source.</summary>
internal sealed record S3Location(string Bucket, string Prefix)
{
    private static readonly string[] Schemes = ["s3://", "s3a://"];

    public static bool IsS3(string source) => Schemes.Any(scheme => source.StartsWith(scheme, StringComparison.OrdinalIgnoreCase));

    /// <summary>Parses the source; the prefix comes back without a leading slash and, when not empty, with a trailing one.</summary>
    public static S3Location Parse(string source)
    {
        var scheme = Schemes.First(s => source.StartsWith(s, StringComparison.OrdinalIgnoreCase));
        var rest = source[scheme.Length..];
        var slash = rest.IndexOf('/', StringComparison.Ordinal);
        var bucket = slash < 0 ? rest : rest[..slash];
        var prefix = slash < 0 ? "" : rest[(slash + 1)..].Trim('/');
        if (bucket.Length == 0)
        {
            throw new InputException($"--source [KPI_SOURCE] '{source}' names no bucket: expected s3://bucket/prefix.");
        }

        return new S3Location(bucket, prefix.Length == 0 ? "" : prefix + "/");
    }

    public string Uri(string key) => $"s3://{Bucket}/{key}";

    public override string ToString() => $"s3://{Bucket}/{Prefix}";
}
