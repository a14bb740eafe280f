using Amazon.CDK;
using Amazon.CDK.AWS.DynamoDB;
using Amazon.DynamoDBv2.Model;
using Constructs;
using Kpi.Infra.Settings;
using Kpi.Shared.Storage;
using DynamoAttribute = Amazon.CDK.AWS.DynamoDB.Attribute;
using SdkKeyType = Amazon.DynamoDBv2.KeyType;

namespace Kpi.Infra.Parts;

/// <summary>
/// The pipeline's three tables, with the key schemas and index of <see cref="TableSchemas"/> (the ones the code
/// creates with --create-tables), and the dashboard's data-protection key table, on on-demand billing.
/// </summary>
public sealed class KpiTables : Construct
{
    public KpiTables(Construct scope, string id, TableSettings settings)
        : base(scope, id)
    {
        Category = Create("Category", TableSchemas.Category(settings.CategoryTable), settings);
        Order = Create("Order", TableSchemas.Order(settings.OrderTable), settings);
        Runs = Create("Runs", TableSchemas.Runs(settings.RunsTable), settings);
        // The keys that sign the dashboard's cookies and antiforgery tokens: encrypted at rest with a KMS key
        // (aws/dynamodb, every use in CloudTrail), readable only by the dashboard's role.
        DataProtection = Create("DataProtection", TableSchemas.DataProtection(settings.DataProtectionTable), settings, TableEncryption.AWS_MANAGED);
    }

    public Table Category { get; }

    public Table Order { get; }

    public Table Runs { get; }

    /// <summary>The dashboard's data-protection key ring; not one of the pipeline's tables.</summary>
    public Table DataProtection { get; }

    /// <summary>The pipeline's tables.</summary>
    public IEnumerable<Table> All => [Category, Order, Runs];

    private Table Create(string id, CreateTableRequest schema, TableSettings settings, TableEncryption? encryption = null)
    {
        var table = new Table(this, id, new TableProps
        {
            TableName = schema.TableName,
            PartitionKey = Key(schema.KeySchema, schema, SdkKeyType.HASH)!,
            SortKey = Key(schema.KeySchema, schema, SdkKeyType.RANGE),
            BillingMode = BillingMode.PAY_PER_REQUEST,
            PointInTimeRecovery = settings.PointInTimeRecovery,
            DeletionProtection = settings.DeletionProtection,
            RemovalPolicy = settings.RetainOnDelete ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
            Encryption = encryption,
        });
        foreach (var index in schema.GlobalSecondaryIndexes ?? [])
        {
            table.AddGlobalSecondaryIndex(new GlobalSecondaryIndexProps
            {
                IndexName = index.IndexName,
                PartitionKey = Key(index.KeySchema, schema, SdkKeyType.HASH)!,
                SortKey = Key(index.KeySchema, schema, SdkKeyType.RANGE),
                ProjectionType = ProjectionType.ALL,
            });
        }

        return table;
    }

    private static DynamoAttribute? Key(List<KeySchemaElement> keys, CreateTableRequest schema, SdkKeyType type) =>
        keys.FirstOrDefault(key => key.KeyType == type) is { } key
            ? new DynamoAttribute { Name = key.AttributeName, Type = TypeOf(schema, key.AttributeName) }
            : null;

    private static AttributeType TypeOf(CreateTableRequest schema, string attribute) =>
        schema.AttributeDefinitions.Single(definition => definition.AttributeName == attribute).AttributeType.Value switch
        {
            "S" => AttributeType.STRING,
            "N" => AttributeType.NUMBER,
            "B" => AttributeType.BINARY,
            var other => throw new InvalidOperationException($"Unknown DynamoDB attribute type {other} of {attribute}."),
        };
}
