using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using Xunit;

namespace Kpi.TestSupport;

/// <summary>
/// s3rver (npm) on a free loopback port, one per test assembly. It accepts only the key pair
/// S3RVER/S3RVER; DynamoDB Local (-sharedDb) accepts it too, so a child process can use one pair for both.
/// </summary>
public sealed class S3rverLocal : IAsyncLifetime
{
    public const string Key = "S3RVER";

    private readonly TempFolder _data = new();
    private LocalProcess? _process;

    public Uri Endpoint { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        var script = Path.Combine(RepoPaths.Tools, "s3rver", "node_modules", "s3rver", "bin", "s3rver.js");
        if (!File.Exists(script))
        {
            throw new InvalidOperationException($"s3rver not found at {script}: run scripts/test.sh, which installs it.");
        }

        var port = LocalProcess.FreePort();
        Endpoint = new Uri($"http://127.0.0.1:{port}");
        // Without the legacy provider a truncated ListObjectsV2 page answers 500 on Node 20.
        _process = new LocalProcess(
            "node", ["--openssl-legacy-provider", script, "-d", _data.Path, "-a", "127.0.0.1", "-p", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--silent"]);
        using var client = CreateClient();
        await _process.WaitUntilReadyAsync("s3rver", async () => (await client.ListBucketsAsync()).HttpStatusCode == System.Net.HttpStatusCode.OK, TimeSpan.FromSeconds(30));
    }

    public IAmazonS3 CreateClient() => CreateClient(Endpoint);

    /// <summary>A client of a stand-in in front of this s3rver (e.g. a proxy) at <paramref name="endpoint"/>.</summary>
    public IAmazonS3 CreateClient(Uri endpoint) => new AmazonS3Client(new BasicAWSCredentials(Key, Key), new AmazonS3Config
    {
        ServiceURL = endpoint.ToString(),
        AuthenticationRegion = "eu-west-1",
        ForcePathStyle = true,
        RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED,
        ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
    });

    /// <summary>Environment for a child process reading this S3 and the given DynamoDB Local with one key pair.</summary>
    public Dictionary<string, string> Environment(DynamoDbLocal dynamo) => new(dynamo.Environment)
    {
        ["AWS_ENDPOINT_URL_S3"] = Endpoint.ToString(),
        ["AWS_ACCESS_KEY_ID"] = Key,
        ["AWS_SECRET_ACCESS_KEY"] = Key,
    };

    /// <summary>Creates a bucket and uploads every file under a folder to prefix/relative-path, checking each reads back byte-identical.</summary>
    public async Task UploadFolderAsync(string bucket, string prefix, string folder)
    {
        using var client = CreateClient();
        await client.PutBucketAsync(bucket);
        var files = Directory.GetFiles(folder, "*", SearchOption.AllDirectories);
        await Parallel.ForEachAsync(files, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (path, token) =>
        {
            var key = prefix + Path.GetRelativePath(folder, path).Replace('\\', '/');
            await using (var stream = File.OpenRead(path))
            {
                // s3rver stores aws-chunked framing as data: send plain bodies from seekable streams.
                await client.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = key, InputStream = stream, UseChunkEncoding = false }, token);
            }

            using var response = await client.GetObjectAsync(bucket, key, token);
            using var copy = new MemoryStream();
            await response.ResponseStream.CopyToAsync(copy, token);
            var original = await File.ReadAllBytesAsync(path, token);
            if (!copy.ToArray().SequenceEqual(original))
            {
                throw new InvalidOperationException($"s3://{bucket}/{key} did not read back as uploaded.");
            }
        });
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is not null)
        {
            await _process.DisposeAsync();
        }

        _data.Dispose();
    }
}
