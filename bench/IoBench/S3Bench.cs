using System.Diagnostics;
using System.Globalization;
using Amazon.S3.Model;
using S3Location = Kpi.Pipeline.Sources.S3Location;
using Kpi.Pipeline.Sources;

namespace Kpi.IoBench;

internal static class S3Bench
{
    /// <summary>Uploads every file under a folder to the bucket (created), keys relative to the folder.</summary>
    public static async Task<int> UploadAsync(string folder, string bucket)
    {
        var s3 = Clients.S3;
        await s3.PutBucketAsync(bucket);
        var files = Directory.GetFiles(folder, "*", SearchOption.AllDirectories);
        await Parallel.ForEachAsync(files, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (path, token) =>
        {
            await using var stream = File.OpenRead(path);
            var key = Path.GetRelativePath(folder, path).Replace('\\', '/');
            await s3.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = key, InputStream = stream, UseChunkEncoding = false }, token);
        });
        Console.WriteLine($"uploaded {files.Length} objects to s3://{bucket}/");
        return 0;
    }

    /// <summary>Lists and stages a source as the pipeline does for DuckDB, then reports time and memory.</summary>
    public static async Task<int> StageAsync(string source, int? parallel)
    {
        var clock = Stopwatch.StartNew();
        await using var s3Source = new S3Source(Clients.S3, S3Location.Parse(source), parallel is { } n ? new S3SourceSettings { MaxParallelDownloads = n } : null);
        var input = await s3Source.DiscoverAsync(stageLocally: true, CancellationToken.None);
        var seconds = clock.Elapsed.TotalSeconds;
        var heapAfter = GC.GetTotalMemory(forceFullCollection: false);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"staged objects={input.FileCount} bytes={input.Bytes} seconds={seconds:F2} allocated_mb={GC.GetTotalAllocatedBytes() / 1e6:F0} heap_mb={heapAfter / 1e6:F0} peak_working_set_mb={Process.GetCurrentProcess().PeakWorkingSet64 / 1e6:F0}"));
        return 0;
    }
}
