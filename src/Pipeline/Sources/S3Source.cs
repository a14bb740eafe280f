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
                pair => (IReadOnlyList<InputFile>)[.. pair.Value.Select(o => new InputFile(location.Uri(o.Key), new Uri(location.Uri(o.Key)), null, o.Size))]));
        }

        // One bounded loop over every table's objects, so a table of one large file downloads alongside the others.
        Directory.CreateDirectory(_staging);
        var staged = await DownloadAllAsync([.. tables.Values.SelectMany(keys => keys)], cancellationToken);
        var files = new Dictionary<InputTable, IReadOnlyList<InputFile>>();
        var first = 0;
        foreach (var (table, keys) in tables)
        {
            files[table] = staged[first..(first + keys.Count)];
            first += keys.Count;
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

    private List<S3Key> FilesOf(InputTable table, List<S3Key> objects)
    {
        var folder = $"{location.Prefix}{table.Name}/";
        var single = $"{location.Prefix}{table.Name}.csv";
        var matches = objects
            .Where(o => o.Key == single ||
                        (o.Key.StartsWith(folder, StringComparison.Ordinal) && o.Key.EndsWith(".csv", StringComparison.OrdinalIgnoreCase) && o.Key[folder.Length..] is var name && !name.Contains('/') && !name.StartsWith('.')))
            .OrderBy(o => o.Key, StringComparer.Ordinal)
            .ToList();
        return matches.Count > 0
            ? matches
            : throw new InputException($"Table {table.Name} has no files: expected {location.Uri(folder)}*.csv or {location.Uri(single)}.");
    }

    /// <summary>Every key and size under the prefix; only those two are kept of each listed object.</summary>
    private async Task<List<S3Key>> ListAllAsync(CancellationToken cancellationToken)
    {
        var request = new ListObjectsV2Request { BucketName = location.Bucket, Prefix = location.Prefix, MaxKeys = _settings.ListPageSize };
        var objects = new List<S3Key>();
        await CallAsync(async () =>
        {
            await foreach (var page in s3.Paginators.ListObjectsV2(request).Responses.WithCancellation(cancellationToken))
            {
                objects.AddRange((page.S3Objects ?? []).Select(o => new S3Key(o.Key, o.Size ?? 0)));
            }
        });
        return objects;
    }

    /// <summary>At most <see cref="S3SourceSettings.MaxParallelDownloads"/> objects in flight; the results keep the order of <paramref name="objects"/>.</summary>
    private async Task<InputFile[]> DownloadAllAsync(S3Key[] objects, CancellationToken cancellationToken)
    {
        var files = new InputFile[objects.Length];
        var options = new ParallelOptions { MaxDegreeOfParallelism = _settings.MaxParallelDownloads, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(Enumerable.Range(0, objects.Length), options, async (i, token) => files[i] = await DownloadAsync(objects[i].Key, token));
        return files;
    }

    /// <summary>Streams one object from the response straight into its file: no copy of it is held in memory, nothing of it outlives the call.</summary>
    private async Task<InputFile> DownloadAsync(string key, CancellationToken cancellationToken)
    {
        var path = Path.Combine(_staging, $"{Guid.NewGuid():N}.csv");
        long bytes = 0;
        await CallAsync(async () =>
        {
            using var response = await s3.GetObjectAsync(location.Bucket, key, cancellationToken);
            await using var file = new FileStream(path, new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, BufferSize = 0 });
            await response.ResponseStream.CopyToAsync(file, cancellationToken);
            bytes = file.Length;
        });
        return new InputFile(location.Uri(key), new Uri(location.Uri(key)), path, bytes);
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

/// <summary>What the listing keeps of an object.</summary>
internal sealed record S3Key(string Key, long Size);

internal sealed record S3SourceSettings
{
    /// <summary>Keys per ListObjectsV2 page (S3's maximum is 1000).</summary>
    public int ListPageSize { get; init; } = 1000;

    /// <summary>Objects downloading at once: the bound on sockets, open files and copy buffers, whatever the number of objects.</summary>
    public int MaxParallelDownloads { get; init; } = 8;
}

/// <summary>S3 answered with a refusal or could not be reached after the SDK's retries (exit code 1).</summary>
internal sealed class S3AccessException(string message, Exception inner) : Exception(message, inner);
