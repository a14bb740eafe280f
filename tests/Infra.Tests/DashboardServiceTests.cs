using System.Text.Json.Nodes;
using Amazon.CDK.Assertions;
using static Kpi.Infra.Tests.TemplateJson;

namespace Kpi.Infra.Tests;

public sealed class DashboardServiceTests(SynthesizedSystems systems)
{
    [Fact]
    public void Target_group_is_sticky_and_checks_healthz_on_8080()
    {
        systems.Default.Template.HasResourceProperties("AWS::ElasticLoadBalancingV2::TargetGroup", new Dictionary<string, object>
        {
            ["HealthCheckPath"] = "/healthz",
            ["TargetType"] = "ip",
            ["TargetGroupAttributes"] = Match.ArrayWith(new object[]
            {
                Attribute("stickiness.enabled", "true"),
                Attribute("stickiness.type", "lb_cookie"),
            }),
        });
        systems.Default.Template.HasResourceProperties("AWS::ECS::TaskDefinition", Match.ObjectLike(new Dictionary<string, object>
        {
            ["ContainerDefinitions"] = Match.ArrayWith(new object[]
            {
                Match.ObjectLike(new Dictionary<string, object>
                {
                    ["Name"] = "dashboard",
                    ["PortMappings"] = new object[] { new Dictionary<string, object> { ["ContainerPort"] = 8080, ["Protocol"] = "tcp" } },
                }),
            }),
        }));
    }

    [Fact]
    public void Without_a_certificate_the_load_balancer_serves_http()
    {
        var listener = Assert.Single(systems.Default.Json.Resources("AWS::ElasticLoadBalancingV2::Listener")).Resource["Properties"]!;
        Assert.Equal("HTTP", (string?)listener["Protocol"]);
        Assert.Equal(80, (int)listener["Port"]!);
    }

    [Fact]
    public void With_a_certificate_the_load_balancer_serves_https_and_redirects_http()
    {
        var template = systems.Custom.Template;
        template.HasResourceProperties("AWS::ElasticLoadBalancingV2::Listener", new Dictionary<string, object>
        {
            ["Protocol"] = "HTTPS",
            ["Port"] = 443,
            ["Certificates"] = new object[] { new Dictionary<string, object> { ["CertificateArn"] = SynthesizedSystems.CertificateArn } },
        });
        template.HasResourceProperties("AWS::ElasticLoadBalancingV2::Listener", new Dictionary<string, object>
        {
            ["Protocol"] = "HTTP",
            ["Port"] = 80,
            ["DefaultActions"] = new object[] { Match.ObjectLike(new Dictionary<string, object> { ["Type"] = "redirect" }) },
        });
        template.HasResourceProperties("AWS::ElasticLoadBalancingV2::LoadBalancer", Match.ObjectLike(new Dictionary<string, object>
        {
            ["Subnets"] = SynthesizedSystems.LoadBalancerSubnets,
        }));
        template.HasResourceProperties("AWS::ECS::Service", Match.ObjectLike(new Dictionary<string, object> { ["DesiredCount"] = 2 }));
    }

    [Fact]
    public void Role_reads_the_tables_and_records_runs_without_wildcards()
    {
        var system = systems.Default;
        var tables = system.Stack.Tables;
        var category = $"${{{system.LogicalId(tables.Category)}.Arn}}";
        var order = $"${{{system.LogicalId(tables.Order)}.Arn}}";
        var runs = $"${{{system.LogicalId(tables.Runs)}.Arn}}";
        var statements = system.Json.StatementsOf(system.LogicalId(system.Stack.Dashboard.TaskRole));

        Assert.Equal([category, order], PipelineTaskTests.Strings(BySid(statements, "ScanKpiTables"), "Resource"));
        Assert.Equal([runs, runs + "/index/runs_by_start"], PipelineTaskTests.Strings(PipelineTaskTests.Single(statements, "dynamodb:Query"), "Resource"));
        var record = BySid(statements, "RecordRuns");
        Assert.Equal(["dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem"], Strings(record["Action"]).Order());
        Assert.Equal([runs], PipelineTaskTests.Strings(record, "Resource"));
        Assert.Equal([category], PipelineTaskTests.Strings(PipelineTaskTests.Single(statements, "dynamodb:DescribeTable"), "Resource"));
        Assert.DoesNotContain(statements.SelectMany(statement => Strings(statement["Action"])), action => action.EndsWith('*'));
        Assert.DoesNotContain(statements.SelectMany(statement => PipelineTaskTests.Strings(statement, "Resource")), resource => resource == "*");
    }

    [Fact]
    public void Role_can_run_watch_and_stop_only_pipeline_tasks_and_pass_only_their_roles()
    {
        var system = systems.Default;
        var pipeline = system.Stack.Pipeline;
        var cluster = system.LogicalId(system.Stack.Cluster);
        var statements = system.Json.StatementsOf(system.LogicalId(system.Stack.Dashboard.TaskRole));

        var run = PipelineTaskTests.Single(statements, "ecs:RunTask");
        Assert.Equal(
            [$"arn:${{AWS::Partition}}:ecs:${{AWS::Region}}:${{AWS::AccountId}}:task-definition/{pipeline.TaskDefinition.Family}:*"],
            PipelineTaskTests.Strings(run, "Resource"));
        Assert.Equal($"${{{cluster}.Arn}}", Text(run["Condition"]!["ArnEquals"]!["ecs:cluster"]));

        var watch = PipelineTaskTests.Single(statements, "ecs:DescribeTasks");
        Assert.Equal(["ecs:DescribeTasks", "ecs:StopTask"], Strings(watch["Action"]).Order());
        Assert.Equal([$"arn:${{AWS::Partition}}:ecs:${{AWS::Region}}:${{AWS::AccountId}}:task/${{{cluster}}}/*"], PipelineTaskTests.Strings(watch, "Resource"));
        Assert.Equal($"${{{cluster}.Arn}}", Text(watch["Condition"]!["ArnEquals"]!["ecs:cluster"]));

        var pass = PipelineTaskTests.Single(statements, "iam:PassRole");
        Assert.Equal(
            [$"${{{system.LogicalId(pipeline.TaskRole)}.Arn}}", $"${{{system.LogicalId(pipeline.ExecutionRole)}.Arn}}"],
            PipelineTaskTests.Strings(pass, "Resource"));
        Assert.Equal("ecs-tasks.amazonaws.com", (string?)pass["Condition"]!["StringEquals"]!["iam:PassedToService"]);
        Assert.Single(statements, statement => Strings(statement["Action"]).Any(action => action.StartsWith("iam:", StringComparison.Ordinal)));
    }

    [Fact]
    public void Launcher_settings_point_at_the_pipeline_task_of_this_stack()
    {
        var system = systems.Default;
        var json = system.Json;
        var pipeline = json.Environment(system.LogicalId(system.Stack.Pipeline.TaskDefinition));
        var dashboard = json.Environment(system.LogicalId(system.Stack.Dashboard.Service.TaskDefinition));
        var rule = json.SingleProperties("AWS::Events::Rule")["Targets"]![0]!["EcsParameters"]!["NetworkConfiguration"]!["AwsVpcConfiguration"]!;

        Assert.Equal("Ecs", Text(dashboard["Launcher__Mode"]));
        Assert.Equal($"${{{system.LogicalId(system.Stack.Cluster)}.Arn}}", Text(dashboard["Launcher__Ecs__Cluster"]));
        Assert.Equal($"${{{system.LogicalId(system.Stack.Pipeline.TaskDefinition)}}}", Text(dashboard["Launcher__Ecs__TaskDefinition"]));
        Assert.Equal(
            (string?)json.Properties(system.LogicalId(system.Stack.Pipeline.TaskDefinition))["ContainerDefinitions"]![0]!["Name"],
            Text(dashboard["Launcher__Ecs__ContainerName"]));
        Assert.Equal(List(rule["Subnets"]).Select(Text), Indexed(dashboard, "Launcher__Ecs__Subnets__"));
        Assert.Equal(List(rule["SecurityGroups"]).Select(Text), Indexed(dashboard, "Launcher__Ecs__SecurityGroups__"));
        Assert.Equal(Text(rule["AssignPublicIp"]), Text(dashboard["Launcher__Ecs__AssignPublicIp"]));

        foreach (var shared in new[] { RunContract.Source, RunContract.Engine, RunContract.CategoryTable, RunContract.OrderTable, RunContract.RunsTable, RunContract.Region })
        {
            Assert.Equal(Text(pipeline[shared]), Text(dashboard[shared]));
        }

        Assert.Equal("8080", Text(dashboard["ASPNETCORE_HTTP_PORTS"]));
        Assert.DoesNotContain(dashboard.Keys, name => name.StartsWith("Auth__", StringComparison.Ordinal));
        Assert.DoesNotContain("ASPNETCORE_FORWARDEDHEADERS_ENABLED", dashboard.Keys);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Run_now_overrides_no_run_setting_of_the_pipeline_task_with_another_value(bool custom)
    {
        // Custom: kpi:maxRejectedRatio 0.05 and the spark engine with its Secrets Manager address.
        var system = custom ? systems.Custom : systems.Default;
        var pipeline = system.Json.Environment(system.LogicalId(system.Stack.Pipeline.TaskDefinition));
        var dashboard = system.Json.Environment(system.LogicalId(system.Stack.Dashboard.Service.TaskDefinition));

        foreach (var setting in new[] { RunContract.Source, RunContract.Engine, RunContract.MaxRejectedRatio })
        {
            Assert.Equal(pipeline.ContainsKey(setting) ? Text(pipeline[setting]) : null, dashboard.ContainsKey(setting) ? Text(dashboard[setting]) : null);
        }

        Assert.Equal(custom, dashboard.ContainsKey(RunContract.MaxRejectedRatio));
        Assert.DoesNotContain(RunContract.SparkRemote, dashboard.Keys);
    }

    [Fact]
    public void Existing_network_subnets_reach_the_launcher()
    {
        var system = systems.Custom;
        var dashboard = system.Json.Environment(system.LogicalId(system.Stack.Dashboard.Service.TaskDefinition));

        Assert.Equal(SynthesizedSystems.TaskSubnets, Indexed(dashboard, "Launcher__Ecs__Subnets__"));
        Assert.Equal("DISABLED", Text(dashboard["Launcher__Ecs__AssignPublicIp"]));
        Assert.Equal("Warning", Text(dashboard["Logging__LogLevel__Default"]));
    }

    [Fact]
    public void Oidc_client_secret_comes_from_secrets_manager()
    {
        var system = systems.Custom;
        var taskDefinition = system.LogicalId(system.Stack.Dashboard.Service.TaskDefinition);
        var container = system.Json.Properties(taskDefinition)["ContainerDefinitions"]![0]!;
        var environment = system.Json.Environment(taskDefinition);

        Assert.Equal("https://login.example.com/realms/acme", Text(environment["Auth__Authority"]));
        Assert.Equal("kpi-dashboard", Text(environment["Auth__ClientId"]));
        Assert.Equal("kpi-operator", Text(environment["Auth__OperatorRole"]));
        Assert.DoesNotContain("Auth__ClientSecret", environment.Keys);
        Assert.Equal("true", Text(environment["ASPNETCORE_FORWARDEDHEADERS_ENABLED"]));

        var secret = Assert.Single(container["Secrets"]!.AsArray())!;
        Assert.Equal("Auth__ClientSecret", (string?)secret["Name"]);
        var secretArn = $"arn:${{AWS::Partition}}:secretsmanager:${{AWS::Region}}:${{AWS::AccountId}}:secret:{SynthesizedSystems.ClientSecretName}";
        Assert.Equal(secretArn, Text(secret["ValueFrom"]));

        var executionRole = system.Stack.Dashboard.Service.TaskDefinition.ExecutionRole!;
        var read = PipelineTaskTests.Single(system.Json.StatementsOf(system.LogicalId(executionRole)), "secretsmanager:GetSecretValue");
        Assert.Equal([secretArn + "-??????"], PipelineTaskTests.Strings(read, "Resource"));
    }

    [Fact]
    public void Without_oidc_settings_synth_warns_and_the_load_balancer_is_internal()
    {
        Annotations.FromStack(systems.Default.Stack).HasWarning("/Kpi/Dashboard", Match.StringLikeRegexp("no Auth__ settings.*load balancer is internal"));
        Annotations.FromStack(systems.Custom.Stack).HasNoWarning("*", Match.StringLikeRegexp("no Auth__ settings"));
        Assert.Equal("internal", Text(systems.Default.Json.SingleProperties("AWS::ElasticLoadBalancingV2::LoadBalancer")["Scheme"]));
        Assert.Equal("internet-facing", Text(systems.Custom.Json.SingleProperties("AWS::ElasticLoadBalancingV2::LoadBalancer")["Scheme"]));
    }

    [Fact]
    public void Logs_go_to_a_log_group_with_retention()
    {
        Assert.Equal(30, (int)systems.Default.Json.Properties(systems.Default.LogicalId(systems.Default.Stack.Dashboard.LogGroup))["RetentionInDays"]!);
        Assert.Equal(14, (int)systems.Custom.Json.Properties(systems.Custom.LogicalId(systems.Custom.Stack.Dashboard.LogGroup))["RetentionInDays"]!);
    }

    private static IEnumerable<string> Indexed(Dictionary<string, System.Text.Json.Nodes.JsonNode> environment, string prefix) =>
        Enumerable.Range(0, environment.Keys.Count(name => name.StartsWith(prefix, StringComparison.Ordinal)))
            .Select(i => Text(environment[prefix + i]));

    private static Dictionary<string, object> Attribute(string key, string value) => new() { ["Key"] = key, ["Value"] = value };

    [Fact]
    public void Every_task_shares_the_data_protection_table_and_may_only_read_it_and_add_keys()
    {
        var system = systems.Default;
        var table = $"${{{system.LogicalId(system.Stack.Tables.DataProtection)}.Arn}}";
        var statements = system.Json.StatementsOf(system.LogicalId(system.Stack.Dashboard.TaskRole));
        var dashboard = system.Json.Environment(system.LogicalId(system.Stack.Dashboard.Service.TaskDefinition));

        var keys = BySid(statements, "DataProtectionKeys");
        Assert.Equal(["dynamodb:PutItem", "dynamodb:Scan"], Strings(keys["Action"]).Order());
        Assert.Equal([table], PipelineTaskTests.Strings(keys, "Resource"));
        Assert.Single(statements, statement => PipelineTaskTests.Strings(statement, "Resource").Contains(table));
        Assert.Equal($"${{{system.LogicalId(system.Stack.Tables.DataProtection)}}}", Text(dashboard["KPI_DATAPROTECTION_TABLE"]));
        var pipeline = system.Json.StatementsOf(system.LogicalId(system.Stack.Pipeline.TaskRole));
        Assert.DoesNotContain(pipeline.SelectMany(statement => PipelineTaskTests.Strings(statement, "Resource")), resource => resource.Contains(table, StringComparison.Ordinal));
    }

    [Fact]
    public void The_container_checks_its_health_with_the_app_itself()
    {
        var system = systems.Default;
        var container = system.Json.Properties(system.LogicalId(system.Stack.Dashboard.Service.TaskDefinition))["ContainerDefinitions"]![0]!;

        Assert.Equal(["CMD", "dotnet", "/app/Kpi.Dashboard.dll", "--health"], List(container["HealthCheck"]!["Command"]).Select(Text));
        Assert.Equal(30, (int)container["HealthCheck"]!["Interval"]!);
    }

    private static JsonObject BySid(IReadOnlyList<JsonObject> statements, string sid) =>
        Assert.Single(statements, statement => (string?)statement["Sid"] == sid);
}
