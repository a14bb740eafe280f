using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Kpi.Shared.Kpis;

namespace Kpi.Shared.Storage;

/// <summary>Key schemas of the pipeline's three tables and the dashboard's key ring, on on-demand billing.</summary>
public static class TableSchemas
{
    public static CreateTableRequest Category(string name) => new()
    {
        TableName = name,
        BillingMode = BillingMode.PAY_PER_REQUEST,
        AttributeDefinitions =
        [
            new(KpiAttributes.Category, ScalarAttributeType.S),
            new(KpiAttributes.OrderDate, ScalarAttributeType.S),
        ],
        KeySchema = [new(KpiAttributes.Category, KeyType.HASH), new(KpiAttributes.OrderDate, KeyType.RANGE)],
    };

    public static CreateTableRequest Order(string name) => new()
    {
        TableName = name,
        BillingMode = BillingMode.PAY_PER_REQUEST,
        AttributeDefinitions = [new(KpiAttributes.OrderDate, ScalarAttributeType.S)],
        KeySchema = [new(KpiAttributes.OrderDate, KeyType.HASH)],
    };

    /// <summary>
    /// Runs are keyed by run id; the index puts every run under one partition sorted by start time,
    /// so "the latest N runs" is one Query, never a Scan. Runs are rare, so one partition is no hot spot.
    /// </summary>
    public static CreateTableRequest Runs(string name) => new()
    {
        TableName = name,
        BillingMode = BillingMode.PAY_PER_REQUEST,
        AttributeDefinitions =
        [
            new(RunAttributes.RunId, ScalarAttributeType.S),
            new(RunAttributes.Kind, ScalarAttributeType.S),
            new(RunAttributes.StartedAt, ScalarAttributeType.S),
        ],
        KeySchema = [new(RunAttributes.RunId, KeyType.HASH)],
        GlobalSecondaryIndexes =
        [
            new()
            {
                IndexName = RunAttributes.ByStartIndex,
                KeySchema = [new(RunAttributes.Kind, KeyType.HASH), new(RunAttributes.StartedAt, KeyType.RANGE)],
                Projection = new Projection { ProjectionType = ProjectionType.ALL },
            },
        ],
    };

    /// <summary>The dashboard's ASP.NET Core data-protection key ring: one item per key, a handful in all.</summary>
    public static CreateTableRequest DataProtection(string name) => new()
    {
        TableName = name,
        BillingMode = BillingMode.PAY_PER_REQUEST,
        AttributeDefinitions = [new(DataProtectionAttributes.FriendlyName, ScalarAttributeType.S)],
        KeySchema = [new(DataProtectionAttributes.FriendlyName, KeyType.HASH)],
    };

    /// <summary>Creates whichever of the three tables is missing and waits until all are active.</summary>
    public static Task EnsureTablesAsync(IAmazonDynamoDB dynamo, KpiTableOptions tables, CancellationToken cancellationToken) =>
        EnsureAsync(dynamo, [Category(tables.CategoryTable), Order(tables.OrderTable), Runs(tables.RunsTable)], cancellationToken);

    /// <summary>Creates the tables of these requests that are missing and waits until all are active.</summary>
    public static async Task EnsureAsync(IAmazonDynamoDB dynamo, IReadOnlyList<CreateTableRequest> wanted, CancellationToken cancellationToken)
    {
        foreach (var request in wanted)
        {
            if (await DescribeStatusAsync(dynamo, request.TableName, cancellationToken) is null)
            {
                try
                {
                    await dynamo.CreateTableAsync(request, cancellationToken);
                }
                catch (ResourceInUseException)
                {
                    // Created meanwhile by another run: fine.
                }
            }
        }

        foreach (var request in wanted)
        {
            await WaitActiveAsync(dynamo, request.TableName, cancellationToken);
        }
    }

    private static async Task<TableStatus?> DescribeStatusAsync(IAmazonDynamoDB dynamo, string table, CancellationToken cancellationToken)
    {
        try
        {
            var response = await dynamo.DescribeTableAsync(table, cancellationToken);
            return response.Table.TableStatus;
        }
        catch (ResourceNotFoundException)
        {
            return null;
        }
    }

    private static async Task WaitActiveAsync(IAmazonDynamoDB dynamo, string table, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow.AddMinutes(5);
        while (await DescribeStatusAsync(dynamo, table, cancellationToken) != TableStatus.ACTIVE)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"DynamoDB table {table} did not become ACTIVE within 5 minutes.");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(500), cancellationToken);
        }
    }
}
