using Amazon.DynamoDBv2;
using Amazon.Runtime;
using Kpi.Shared.Storage;
using Xunit;

namespace Kpi.TestSupport;

/// <summary>
/// Amazon's DynamoDB Local (the jar from the npm package amplify-dynamodb-simulator), in memory on a free
/// loopback port, one per test assembly. Tests isolate themselves with their own table names.
/// </summary>
public sealed class DynamoDbLocal : IAsyncLifetime
{
    /// <summary>Access keys must be alphanumeric for DynamoDB Local; with -sharedDb any key sees the same tables.</summary>
    public const string AccessKey = "local";

    private LocalProcess? _process;

    public Uri Endpoint { get; private set; } = null!;

    /// <summary>The environment a child process needs to reach this instance through the SDK conventions.</summary>
    public Dictionary<string, string> Environment => new()
    {
        ["AWS_ENDPOINT_URL_DYNAMODB"] = Endpoint.ToString(),
        ["AWS_ACCESS_KEY_ID"] = AccessKey,
        ["AWS_SECRET_ACCESS_KEY"] = AccessKey,
        ["AWS_REGION"] = "eu-west-1",
    };

    public async ValueTask InitializeAsync()
    {
        var folder = Path.Combine(RepoPaths.Tools, "dynamodb");
        var jar = Path.Combine(folder, "DynamoDBLocal.jar");
        if (!File.Exists(jar))
        {
            throw new InvalidOperationException($"DynamoDB Local not found at {jar}: run scripts/test.sh, which installs it.");
        }

        var port = LocalProcess.FreePort();
        Endpoint = new Uri($"http://127.0.0.1:{port}");
        _process = new LocalProcess(
            "java",
            [$"-Djava.library.path={Path.Combine(folder, "DynamoDBLocal_lib")}", "-jar", jar, "-inMemory", "-sharedDb", "-port", port.ToString(System.Globalization.CultureInfo.InvariantCulture)]);

        using var client = CreateClient();
        await _process.WaitUntilReadyAsync("DynamoDB Local", async () => (await client.ListTablesAsync()).TableNames is not null, TimeSpan.FromSeconds(60));
        // Every dashboard started on this instance shares the default key ring, as the stack's table in AWS.
        await TableSchemas.EnsureAsync(client, [TableSchemas.DataProtection(DataProtectionAttributes.DefaultTable)], CancellationToken.None);
    }

    public static AWSCredentials Credentials { get; } = new BasicAWSCredentials(AccessKey, AccessKey);

    public IAmazonDynamoDB CreateClient() => new AmazonDynamoDBClient(Credentials, Config(Endpoint));

    /// <summary>A client configuration for a local endpoint (this instance, or a stand-in in front of it).</summary>
    public static AmazonDynamoDBConfig Config(Uri endpoint) => new() { ServiceURL = endpoint.ToString(), AuthenticationRegion = "eu-west-1" };

    /// <summary>Fresh table names (created with the product's own schemas) so tests never see each other's items.</summary>
    public async Task<KpiTableOptions> CreateTablesAsync()
    {
        var suffix = Guid.NewGuid().ToString("N")[..12];
        var tables = new KpiTableOptions
        {
            CategoryTable = $"category_{suffix}",
            OrderTable = $"order_{suffix}",
            RunsTable = $"runs_{suffix}",
        };
        using var client = CreateClient();
        await TableSchemas.EnsureTablesAsync(client, tables, CancellationToken.None);
        return tables;
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is not null)
        {
            await _process.DisposeAsync();
        }
    }
}
