using System.Text.Json.Nodes;
using Amazon.CDK.Assertions;
using Kpi.Shared.Kpis;
using Kpi.Shared.Storage;

namespace Kpi.Infra.Tests;

public sealed class TablesTests(SynthesizedSystems systems)
{
    [Fact]
    public void Category_table_is_keyed_by_category_and_order_date()
    {
        systems.Default.Template.HasResourceProperties("AWS::DynamoDB::Table", new Dictionary<string, object>
        {
            ["TableName"] = KpiTableOptions.DefaultCategoryTable,
            ["KeySchema"] = new object[] { Key(KpiAttributes.Category, "HASH"), Key(KpiAttributes.OrderDate, "RANGE") },
            ["AttributeDefinitions"] = Match.ArrayEquals(new object[] { StringAttribute(KpiAttributes.Category), StringAttribute(KpiAttributes.OrderDate) }),
        });
    }

    [Fact]
    public void Order_table_is_keyed_by_order_date()
    {
        systems.Default.Template.HasResourceProperties("AWS::DynamoDB::Table", new Dictionary<string, object>
        {
            ["TableName"] = KpiTableOptions.DefaultOrderTable,
            ["KeySchema"] = new object[] { Key(KpiAttributes.OrderDate, "HASH") },
            ["AttributeDefinitions"] = new object[] { StringAttribute(KpiAttributes.OrderDate) },
        });
    }

    [Fact]
    public void Runs_table_is_keyed_by_run_id_and_lists_runs_by_start_time()
    {
        systems.Default.Template.HasResourceProperties("AWS::DynamoDB::Table", new Dictionary<string, object>
        {
            ["TableName"] = KpiTableOptions.DefaultRunsTable,
            ["KeySchema"] = new object[] { Key(RunAttributes.RunId, "HASH") },
            ["GlobalSecondaryIndexes"] = new object[]
            {
                new Dictionary<string, object>
                {
                    ["IndexName"] = RunAttributes.ByStartIndex,
                    ["KeySchema"] = new object[] { Key(RunAttributes.Kind, "HASH"), Key(RunAttributes.StartedAt, "RANGE") },
                    ["Projection"] = new Dictionary<string, object> { ["ProjectionType"] = "ALL" },
                },
            },
        });
    }

    [Fact]
    public void Data_protection_table_is_keyed_by_friendly_name_and_encrypted_with_kms()
    {
        systems.Default.Template.HasResourceProperties("AWS::DynamoDB::Table", new Dictionary<string, object>
        {
            ["TableName"] = DataProtectionAttributes.DefaultTable,
            ["KeySchema"] = new object[] { Key(DataProtectionAttributes.FriendlyName, "HASH") },
            // SSEEnabled without a key: the AWS managed KMS key aws/dynamodb (not DynamoDB's own AWS owned key).
            ["SSESpecification"] = new Dictionary<string, object> { ["SSEEnabled"] = true },
        });
    }

    [Fact]
    public void Tables_have_the_key_schemas_the_code_creates()
    {
        var tables = systems.Default.Json.Resources("AWS::DynamoDB::Table").Select(table => table.Resource["Properties"]!).ToList();
        foreach (var schema in new[] { TableSchemas.Category("category_kpis_table"), TableSchemas.Order("order_kpis_table"), TableSchemas.Runs("kpi_runs"), TableSchemas.DataProtection("kpi_dataprotection") })
        {
            var table = tables.Single(table => (string?)table["TableName"] == schema.TableName);
            Assert.Equal(
                schema.KeySchema.Select(key => (key.AttributeName, key.KeyType.Value)),
                table["KeySchema"]!.AsArray().Select(key => ((string)key!["AttributeName"]!, (string)key["KeyType"]!)));
            Assert.Equal(
                schema.AttributeDefinitions.Select(definition => (definition.AttributeName, definition.AttributeType.Value)).Order(),
                table["AttributeDefinitions"]!.AsArray().Select(definition => ((string)definition!["AttributeName"]!, (string)definition["AttributeType"]!)).Order());
        }
    }

    [Fact]
    public void Tables_are_on_demand_recoverable_protected_and_kept()
    {
        var tables = systems.Default.Json.Resources("AWS::DynamoDB::Table").ToList();
        Assert.Equal(4, tables.Count);
        foreach (var (_, table) in tables)
        {
            var properties = table["Properties"]!;
            Assert.Equal("PAY_PER_REQUEST", (string?)properties["BillingMode"]);
            Assert.True((bool)properties["PointInTimeRecoverySpecification"]!["PointInTimeRecoveryEnabled"]!);
            Assert.True((bool)properties["DeletionProtectionEnabled"]!);
            Assert.Equal("Retain", (string?)table["DeletionPolicy"]);
        }
    }

    [Fact]
    public void Table_names_and_protection_follow_the_settings()
    {
        var tables = systems.Custom.Json.Resources("AWS::DynamoDB::Table").ToList();
        Assert.Equal(
            ["acme_category_kpis", "acme_keys", "acme_kpi_runs", "acme_order_kpis"],
            tables.Select(table => (string)table.Resource["Properties"]!["TableName"]!).Order());
        Assert.All(tables, table =>
        {
            Assert.False((bool)table.Resource["Properties"]!["DeletionProtectionEnabled"]!);
            Assert.Equal("Delete", (string?)table.Resource["DeletionPolicy"]);
        });
    }

    private static Dictionary<string, object> Key(string name, string type) => new() { ["AttributeName"] = name, ["KeyType"] = type };

    private static Dictionary<string, object> StringAttribute(string name) => new() { ["AttributeName"] = name, ["AttributeType"] = "S" };

    internal static JsonNode TableArn(SynthesizedSystem system, Amazon.CDK.AWS.DynamoDB.Table table) => TemplateJson.Arn(system.LogicalId(table));
}
