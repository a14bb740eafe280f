namespace Kpi.Pipeline.Sources;

/// <summary>A CSV part file readable on local disk; <paramref name="Name"/> is what messages show (a path or an s3:// URI).</summary>
internal sealed record InputFile(string LocalPath, string Name, long Bytes);
