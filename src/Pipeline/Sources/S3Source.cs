using System.Net;
using Amazon.S3;
using Amazon.S3.Model;
using Kpi.Pipeline.Contract;

namespace Kpi.Pipeline.Sources;

/// <summary>
/// CSV part files under an S3 prefix, with the same layout as a local folder. Listings are paginated; for an
/// engine that reads local files, objects are streamed in parallel (bounded) to a private temporary folder,
/// deleted on dispose.
/// </summary>
internal sealed class S3Source(IAmazonS3 s3, S3Location location, S3SourceSettings? settings = null) : IInputSource
{
    private readonly S3SourceSettings _settings = settings ?? new S3SourceSettings();
    private readonly string _staging = Path.Combine(Path.GetTempPath(), $"kpi-s3-{Guid.NewGuid():N}");

    public async Task<InputSet> DiscoverAsync(bool stageLocally, CancellationToken cancellationToken)
    {
        var objects = await ListAllAsync(cancellationToken);
        if (objects.Count == 0)
        {
            throw new InputException($"No objects under {location} (bucket {location.Bucket}, prefix '{location.Prefix}').");
        }

        var tables = InputTable.All.ToDictionary(table => table, table => FilesOf(table, objects));
        if (!stageLocally)
        {
            return new InputSet(tables.ToDictionary(
                pair => pair.Key,
                pair => (IReadOnlyList<InputFile>)[.. pair.Value.Select(o => new InputFile(location.Uri(o.Key), new Uri(location.Uri(o.Key)), null, o.Size ?? 0))]));
        }

        Directory.CreateDirectory(_staging);
        var files = new Dictionary<InputTable, IReadOnlyList<InputFile>>();
        foreach (var (table, keys) in tables)
        {
            files[table] = await DownloadAsync(keys, cancellationToken);
        }

        return new InputSet(files);
    }

    public ValueTask DisposeAsync()
    {
        if (Directory.Exists(_staging))
        {
            Directory.Delete(_staging, recursive: true);
        }

        return ValueTask.CompletedTask;
    }

    private List<S3Object> FilesOf(InputTable table, List<S3Object> objects)
    {
        var folder = $"{location.Prefix}{table.Name}/";
        var single = $"{location.Prefix}{table.Name}.csv";
        var matches = objects
            .Where(o => o.Key == single ||
                        (o.Key.StartsWith(folder, StringComparison.Ordinal) && o.Key.EndsWith(".csv", StringComparison.Ordinal) && !o.Key[folder.Length..].Contains('/')))
            .OrderBy(o => o.Key, StringComparer.Ordinal)
            .ToList();
        return matches.Count > 0
            ? matches
            : throw new InputException($"Table {table.Name} has no files: expected {location.Uri(folder)}*.csv or {location.Uri(single)}.");
    }

    private async Task<List<S3Object>> ListAllAsync(CancellationToken cancellationToken)
    {
        var request = new ListObjectsV2Request { BucketName = location.Bucket, Prefix = location.Prefix, MaxKeys = _settings.ListPageSize };
        var objects = new List<S3Object>();
        await CallAsync(async () =>
        {
            await foreach (var page in s3.Paginators.ListObjectsV2(request).Responses.WithCancellation(cancellationToken))
            {
                objects.AddRange(page.S3Objects ?? []);
            }
        });
        return objects;
    }

    private async Task<IReadOnlyList<InputFile>> DownloadAsync(List<S3Object> objects, CancellationToken cancellationToken)
    {
        var files = new InputFile[objects.Count];
        var options = new ParallelOptions { MaxDegreeOfParallelism = _settings.MaxParallelDownloads, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(Enumerable.Range(0, objects.Count), options, async (i, token) =>
        {
            var key = objects[i].Key;
            var path = Path.Combine(_staging, $"{Guid.NewGuid():N}.csv");
            await CallAsync(async () =>
            {
                using var response = await s3.GetObjectAsync(location.Bucket, key, token);
                await using var file = File.Create(path);
                await response.ResponseStream.CopyToAsync(file, token);
            });
            files[i] = new InputFile(location.Uri(key), new Uri(location.Uri(key)), path, new FileInfo(path).Length);
        });
        return files;
    }

    /// <summary>Turns S3 errors into messages naming bucket and prefix: missing input is exit 2, the rest exit 1.</summary>
    private async Task CallAsync(Func<Task> call)
    {
        try
        {
            await call();
        }
        catch (AmazonS3Exception ex) when (ex.ErrorCode == "NoSuchBucket" || (ex.StatusCode == HttpStatusCode.NotFound && ex.ErrorCode != "NoSuchKey"))
        {
            throw new InputException($"Bucket {location.Bucket} does not exist (source {location}): S3 said {ex.ErrorCode}: {ex.Message}", ex);
        }
        catch (AmazonS3Exception ex)
        {
            throw new S3AccessException($"S3 refused access to {location} (bucket {location.Bucket}, prefix '{location.Prefix}'): {ex.ErrorCode} {(int)ex.StatusCode}: {ex.Message}", ex);
        }
        catch (Exception ex) when (ex is HttpRequestException or Amazon.Runtime.AmazonClientException or Amazon.Runtime.AmazonServiceException)
        {
            throw new S3AccessException($"Cannot reach S3 for {location} (bucket {location.Bucket}, prefix '{location.Prefix}'): {ex.Message}", ex);
        }
    }
}

internal sealed record S3SourceSettings
{
    /// <summary>Keys per ListObjectsV2 page (S3's maximum is 1000).</summary>
    public int ListPageSize { get; init; } = 1000;

    public int MaxParallelDownloads { get; init; } = 8;
}

/// <summary>S3 answered with a refusal or could not be reached after the SDK's retries (exit code 1).</summary>
internal sealed class S3AccessException(string message, Exception inner) : Exception(message, inner);
