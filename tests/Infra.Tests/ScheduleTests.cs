using static Kpi.Infra.Tests.TemplateJson;

namespace Kpi.Infra.Tests;

public sealed class ScheduleTests(SynthesizedSystems systems)
{
    [Fact]
    public void Daily_rule_runs_one_pipeline_task_on_the_cluster()
    {
        var system = systems.Default;
        var rule = system.Json.SingleProperties("AWS::Events::Rule");
        var target = Assert.Single(rule["Targets"]!.AsArray())!;

        Assert.Equal("cron(0 5 * * ? *)", (string?)rule["ScheduleExpression"]);
        Assert.Equal("ENABLED", (string?)rule["State"]);
        Assert.Equal($"${{{system.LogicalId(system.Stack.Cluster)}.Arn}}", Text(target["Arn"]));
        var ecs = target["EcsParameters"]!;
        Assert.Equal($"${{{system.LogicalId(system.Stack.Pipeline.TaskDefinition)}}}", Text(ecs["TaskDefinitionArn"]));
        Assert.Equal("FARGATE", (string?)ecs["LaunchType"]);
        Assert.Equal(1, (int)ecs["TaskCount"]!);
        var network = ecs["NetworkConfiguration"]!["AwsVpcConfiguration"]!;
        Assert.Equal([$"${{{system.LogicalId(system.Stack.Pipeline.SecurityGroup)}.GroupId}}"], List(network["SecurityGroups"]).Select(Text));
        Assert.Equal("ENABLED", (string?)network["AssignPublicIp"]);
    }

    [Fact]
    public void Schedule_expression_state_and_subnets_follow_the_settings()
    {
        var rule = systems.Custom.Json.SingleProperties("AWS::Events::Rule");
        var network = rule["Targets"]![0]!["EcsParameters"]!["NetworkConfiguration"]!["AwsVpcConfiguration"]!;

        Assert.Equal("cron(30 2 * * ? *)", (string?)rule["ScheduleExpression"]);
        Assert.Equal("DISABLED", (string?)rule["State"]);
        Assert.Equal(SynthesizedSystems.TaskSubnets, List(network["Subnets"]).Select(Text));
        Assert.Equal("DISABLED", (string?)network["AssignPublicIp"]);
    }

    [Fact]
    public void Schedule_role_may_start_only_the_pipeline_task()
    {
        var system = systems.Default;
        var rule = system.Json.SingleProperties("AWS::Events::Rule");
        var role = Text(rule["Targets"]![0]!["RoleArn"]).Trim('$', '{', '}').Replace(".Arn", "", StringComparison.Ordinal);
        var statements = system.Json.StatementsOf(role);

        var run = PipelineTaskTests.Single(statements, "ecs:RunTask");
        Assert.Equal([$"${{{system.LogicalId(system.Stack.Pipeline.TaskDefinition)}}}"], PipelineTaskTests.Strings(run, "Resource"));
        Assert.Equal(
            [$"${{{system.LogicalId(system.Stack.Pipeline.ExecutionRole)}.Arn}}", $"${{{system.LogicalId(system.Stack.Pipeline.TaskRole)}.Arn}}"],
            statements.Where(statement => Strings(statement["Action"]).Contains("iam:PassRole"))
                .SelectMany(statement => PipelineTaskTests.Strings(statement, "Resource")).Order());
    }
}
