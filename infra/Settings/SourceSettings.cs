namespace Kpi.Infra.Settings;

/// <summary>Where the CSV files are: a bucket this stack creates, or an existing one.</summary>
public sealed record SourceSettings
{
    /// <summary>An existing bucket to read from; when null the stack creates one (encrypted, private, TLS only).</summary>
    public string? ExistingBucketName { get; init; }

    /// <summary>Name of the bucket the stack creates; when null CloudFormation generates one.</summary>
    public string? NewBucketName { get; init; }

    /// <summary>The prefix under which orders/, order_items/ and products/ lie; empty for the bucket's root.</summary>
    public string Prefix { get; init; } = "Data/";

    /// <summary>The prefix as the pipeline uses it: no leading slash and, when not empty, one trailing slash.</summary>
    public string NormalizedPrefix => Prefix.Trim('/') is { Length: > 0 } trimmed ? trimmed + "/" : "";
}
