using System.Text.Json.Nodes;
using Amazon.CDK;
using Amazon.CDK.Assertions;
using Kpi.Infra.Settings;
using static Kpi.Infra.Tests.TemplateJson;

namespace Kpi.Infra.Tests;

public sealed class PipelineTaskTests(SynthesizedSystems systems)
{
    [Fact]
    public void Environment_is_the_run_contract_the_pipeline_reads()
    {
        var system = systems.Default;
        var tables = system.Stack.Tables;
        var environment = system.Json.Environment(system.LogicalId(system.Stack.Pipeline.TaskDefinition));

        Assert.Equal(
            new Dictionary<string, string>
            {
                [RunContract.Source] = $"s3://${{{system.LogicalId(system.Stack.Source.Bucket)}}}/Data/",
                [RunContract.Engine] = "duckdb",
                ["CATEGORY_KPIS_TABLE"] = $"${{{system.LogicalId(tables.Category)}}}",
                ["ORDER_KPIS_TABLE"] = $"${{{system.LogicalId(tables.Order)}}}",
                ["KPI_RUNS_TABLE"] = $"${{{system.LogicalId(tables.Runs)}}}",
                ["KPI_LOG_FORMAT"] = "json",
                ["AWS_REGION"] = "${AWS::Region}",
            },
            environment.ToDictionary(variable => variable.Key, variable => Text(variable.Value)));
    }

    [Fact]
    public void Run_contract_names_are_the_pipelines_variables()
    {
        Assert.Equal(
            ["KPI_SOURCE", "KPI_ENGINE", "CATEGORY_KPIS_TABLE", "ORDER_KPIS_TABLE", "KPI_RUNS_TABLE", "KPI_MAX_REJECTED_RATIO", "SPARK_REMOTE", "KPI_LOG_FORMAT", "AWS_REGION"],
            [RunContract.Source, RunContract.Engine, RunContract.CategoryTable, RunContract.OrderTable, RunContract.RunsTable, RunContract.MaxRejectedRatio, RunContract.SparkRemote, RunContract.LogFormat, RunContract.Region]);
    }

    [Fact]
    public void Environment_follows_an_existing_bucket_prefix_and_the_rejected_ratio()
    {
        var system = systems.Custom;
        var environment = system.Json.Environment(system.LogicalId(system.Stack.Pipeline.TaskDefinition));

        Assert.Equal($"s3://{SynthesizedSystems.Bucket}/{SynthesizedSystems.Prefix}", Text(environment[RunContract.Source]));
        Assert.Equal("0.05", Text(environment[RunContract.MaxRejectedRatio]));
        var category = system.LogicalId(system.Stack.Tables.Category);
        Assert.Equal($"${{{category}}}", Text(environment[RunContract.CategoryTable]));
        Assert.Equal("acme_category_kpis", (string?)system.Json.Properties(category)["TableName"]);
    }

    [Fact]
    public void Task_role_reads_exactly_the_prefix_and_writes_exactly_the_three_tables()
    {
        var system = systems.Default;
        var bucket = system.LogicalId(system.Stack.Source.Bucket);
        var statements = system.Json.StatementsOf(system.LogicalId(system.Stack.Pipeline.TaskRole));

        Assert.Equal(3, statements.Count);
        var list = Single(statements, "s3:ListBucket");
        Assert.Equal([$"${{{bucket}.Arn}}"], Strings(list, "Resource"));
        Assert.Equal(["Data/", "Data/*"], TemplateJson.Strings(list["Condition"]!["StringLike"]!["s3:prefix"]));

        Assert.Equal([$"${{{bucket}.Arn}}/Data/*"], Strings(Single(statements, "s3:GetObject"), "Resource"));

        var write = Single(statements, "dynamodb:BatchWriteItem");
        Assert.Equal(
            ["dynamodb:BatchWriteItem", "dynamodb:DescribeTable", "dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem"],
            TemplateJson.Strings(write["Action"]).Order());
        Assert.Equal(
            new[] { system.Stack.Tables.Category, system.Stack.Tables.Order, system.Stack.Tables.Runs }.Select(table => $"${{{system.LogicalId(table)}.Arn}}"),
            Strings(write, "Resource"));

        Assert.All(statements, statement =>
        {
            Assert.Equal("Allow", (string?)statement["Effect"]);
            Assert.DoesNotContain(Strings(statement, "Resource"), resource => resource.Contains('*') && !resource.EndsWith("/Data/*", StringComparison.Ordinal));
            Assert.DoesNotContain("dynamodb:CreateTable", TemplateJson.Strings(statement["Action"]));
        });
    }

    [Fact]
    public void Task_role_of_an_existing_bucket_names_that_bucket_and_prefix()
    {
        var system = systems.Custom;
        var statements = system.Json.StatementsOf(system.LogicalId(system.Stack.Pipeline.TaskRole));

        var list = Single(statements, "s3:ListBucket");
        Assert.Equal([$"arn:${{AWS::Partition}}:s3:::{SynthesizedSystems.Bucket}"], Strings(list, "Resource"));
        Assert.Equal([SynthesizedSystems.Prefix, SynthesizedSystems.Prefix + "*"], TemplateJson.Strings(list["Condition"]!["StringLike"]!["s3:prefix"]));
        Assert.Equal(
            [$"arn:${{AWS::Partition}}:s3:::{SynthesizedSystems.Bucket}/{SynthesizedSystems.Prefix}*"],
            Strings(Single(statements, "s3:GetObject"), "Resource"));
    }

    [Fact]
    public void Task_size_follows_the_settings()
    {
        systems.Default.Template.HasResourceProperties("AWS::ECS::TaskDefinition", new Dictionary<string, object>
        {
            ["Family"] = systems.Default.Stack.Pipeline.TaskDefinition.Family,
            ["Cpu"] = "1024",
            ["Memory"] = "4096",
            ["RequiresCompatibilities"] = new[] { "FARGATE" },
            ["NetworkMode"] = "awsvpc",
        });
        systems.Custom.Template.HasResourceProperties("AWS::ECS::TaskDefinition", new Dictionary<string, object>
        {
            ["Family"] = systems.Custom.Stack.Pipeline.TaskDefinition.Family,
            ["Cpu"] = "2048",
            ["Memory"] = "8192",
        });
    }

    [Fact]
    public void Logs_go_to_a_log_group_with_retention()
    {
        foreach (var (system, days) in new[] { (systems.Default, 30), (systems.Custom, 90) })
        {
            var logGroup = system.LogicalId(system.Stack.Pipeline.LogGroup);
            Assert.Equal(days, (int)system.Json.Properties(logGroup)["RetentionInDays"]!);

            var container = system.Json.Properties(system.LogicalId(system.Stack.Pipeline.TaskDefinition))["ContainerDefinitions"]![0]!;
            Assert.Equal("awslogs", (string?)container["LogConfiguration"]!["LogDriver"]);
            Assert.Equal($"${{{logGroup}}}", Text(container["LogConfiguration"]!["Options"]!["awslogs-group"]));
        }
    }

    [Fact]
    public void Container_is_named_for_the_dashboards_overrides()
    {
        systems.Default.Template.HasResourceProperties("AWS::ECS::TaskDefinition", Match.ObjectLike(new Dictionary<string, object>
        {
            ["ContainerDefinitions"] = Match.ArrayWith(new object[] { Match.ObjectLike(new Dictionary<string, object> { ["Name"] = "pipeline", ["Essential"] = true }) }),
        }));
    }

    [Fact]
    public void Without_a_spark_remote_secret_the_task_has_no_secrets_and_its_roles_read_none()
    {
        var system = systems.Default;
        var container = system.Json.Properties(system.LogicalId(system.Stack.Pipeline.TaskDefinition))["ContainerDefinitions"]![0]!;

        Assert.Null(container["Secrets"]);
        Assert.Null(system.Stack.Pipeline.SparkRemoteSecret);
        foreach (var role in new[] { system.Stack.Pipeline.TaskRole, system.Stack.Pipeline.ExecutionRole })
        {
            Assert.DoesNotContain(system.Json.StatementsOf(system.LogicalId(role)), ReadsSecrets);
        }
    }

    [Fact]
    public void A_spark_remote_secret_by_name_is_the_SPARK_REMOTE_container_secret_with_engine_spark()
    {
        var system = systems.Custom;
        var container = system.Json.Properties(system.LogicalId(system.Stack.Pipeline.TaskDefinition))["ContainerDefinitions"]![0]!;
        var environment = system.Json.Environment(system.LogicalId(system.Stack.Pipeline.TaskDefinition));
        var secretArn = $"arn:${{AWS::Partition}}:secretsmanager:${{AWS::Region}}:${{AWS::AccountId}}:secret:{SynthesizedSystems.SparkRemoteSecretName}";

        Assert.Equal("spark", Text(environment[RunContract.Engine]));
        Assert.DoesNotContain(RunContract.SparkRemote, environment.Keys);
        var secret = Assert.Single(container["Secrets"]!.AsArray())!;
        Assert.Equal(("SPARK_REMOTE", secretArn), ((string?)secret["Name"], Text(secret["ValueFrom"])));
        AssertOnlyTheExecutionRoleReads(system, secretArn + "-??????");
    }

    [Fact]
    public void A_spark_remote_secret_by_complete_arn_is_used_as_given()
    {
        const string arn = "arn:aws:secretsmanager:eu-west-1:111122223333:secret:kpi/spark-remote-AbCdEf";
        using var system = new SynthesizedSystem(new KpiSystemSettings { Pipeline = new PipelineSettings { SparkRemoteSecret = arn } });
        var container = system.Json.Properties(system.LogicalId(system.Stack.Pipeline.TaskDefinition))["ContainerDefinitions"]![0]!;

        Assert.Equal(arn, Text(Assert.Single(container["Secrets"]!.AsArray())!["ValueFrom"]));
        Assert.Equal("spark", Text(system.Json.Environment(system.LogicalId(system.Stack.Pipeline.TaskDefinition))[RunContract.Engine]));
        AssertOnlyTheExecutionRoleReads(system, arn);
    }

    [Fact]
    public void Engine_spark_without_a_spark_remote_secret_names_the_setting()
    {
        var settings = new KpiSystemSettings { Pipeline = new PipelineSettings { Engine = RunContract.SparkEngine } };

        var error = Assert.Throws<ArgumentException>(() => new KpiStack(new App(), "Kpi", settings));

        Assert.Contains("kpi:sparkRemoteSecret", error.Message);
    }

    /// <summary>
    /// The pipeline's execution role may read exactly the one secret (what ECS needs to start the task); neither
    /// the pipeline's task role nor any dashboard role may, and the dashboard (Run now) starts spark runs without
    /// ever holding SPARK_REMOTE: the task definition's secret supplies it.
    /// </summary>
    private static void AssertOnlyTheExecutionRoleReads(SynthesizedSystem system, string secretResource)
    {
        var read = Assert.Single(system.Json.StatementsOf(system.LogicalId(system.Stack.Pipeline.ExecutionRole)), ReadsSecrets);
        Assert.Equal(["secretsmanager:DescribeSecret", "secretsmanager:GetSecretValue"], TemplateJson.Strings(read["Action"]).Order());
        Assert.Equal([secretResource], Strings(read, "Resource"));

        var dashboard = system.Stack.Dashboard;
        foreach (var role in new[] { system.Stack.Pipeline.TaskRole, dashboard.TaskRole, dashboard.Service.TaskDefinition.ExecutionRole! })
        {
            Assert.DoesNotContain(system.Json.StatementsOf(system.LogicalId(role)), statement => Strings(statement, "Resource").Contains(secretResource));
        }

        var dashboardEnvironment = system.Json.Environment(system.LogicalId(dashboard.Service.TaskDefinition));
        Assert.Equal("spark", Text(dashboardEnvironment[RunContract.Engine]));
        Assert.DoesNotContain(RunContract.SparkRemote, dashboardEnvironment.Keys);
    }

    private static bool ReadsSecrets(JsonObject statement) =>
        TemplateJson.Strings(statement["Action"]).Any(action => action.StartsWith("secretsmanager:", StringComparison.Ordinal));

    internal static JsonObject Single(IReadOnlyList<JsonObject> statements, string action) =>
        Assert.Single(statements, statement => TemplateJson.Strings(statement["Action"]).Contains(action));

    internal static IReadOnlyList<string> Strings(JsonObject statement, string field) => [.. List(statement[field]).Select(Text)];
}
