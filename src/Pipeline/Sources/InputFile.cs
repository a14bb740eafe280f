namespace Kpi.Pipeline.Sources;

/// <summary>
/// A CSV part file: its <paramref name="Location"/> (a file path or an s3:// URI), a copy on local disk when
/// the source made one, and the name messages show.
/// </summary>
internal sealed record InputFile(string Name, Uri Location, string? LocalPath, long Bytes);
