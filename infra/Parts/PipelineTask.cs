using Amazon.CDK;
using Amazon.CDK.AWS.EC2;
using Amazon.CDK.AWS.ECS;
using Amazon.CDK.AWS.IAM;
using Amazon.CDK.AWS.Logs;
using Amazon.CDK.AWS.SecretsManager;
using Constructs;
using Kpi.Infra.Settings;
using EcsSecret = Amazon.CDK.AWS.ECS.Secret;
using Secret = Amazon.CDK.AWS.SecretsManager.Secret;

namespace Kpi.Infra.Parts;

/// <summary>
/// The pipeline's Fargate task definition: the image's entry point is <c>run</c>, configured only by the
/// run contract's environment; its role reads the source prefix and writes the three tables, nothing more.
/// </summary>
public sealed class PipelineTask : Construct
{
    public const string ContainerName = "pipeline";

    public PipelineTask(Construct scope, string id, PipelineTaskProps props)
        : base(scope, id)
    {
        var settings = props.Settings;
        TaskRole = new Role(this, "TaskRole", new RoleProps
        {
            AssumedBy = new ServicePrincipal("ecs-tasks.amazonaws.com"),
            Description = "KPI pipeline task: reads the source prefix, writes the KPI and run tables.",
        });
        foreach (var statement in props.Source.ReadStatements())
        {
            TaskRole.AddToPrincipalPolicy(statement);
        }

        TaskRole.AddToPrincipalPolicy(new PolicyStatement(new PolicyStatementProps
        {
            Sid = "WriteKpiTables",
            Actions = ["dynamodb:BatchWriteItem", "dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:GetItem", "dynamodb:DescribeTable"],
            Resources = [.. props.Tables.All.Select(table => table.TableArn)],
        }));

        ExecutionRole = new Role(this, "ExecutionRole", new RoleProps
        {
            AssumedBy = new ServicePrincipal("ecs-tasks.amazonaws.com"),
            Description = settings.SparkRemoteSecret is null
                ? "KPI pipeline task execution: pulls the image, writes the log group."
                : "KPI pipeline task execution: pulls the image, writes the log group, reads the SPARK_REMOTE secret.",
        });

        TaskDefinition = new FargateTaskDefinition(this, "TaskDefinition", new FargateTaskDefinitionProps
        {
            Cpu = settings.Cpu,
            MemoryLimitMiB = settings.MemoryMiB,
            TaskRole = TaskRole,
            ExecutionRole = ExecutionRole,
            RuntimePlatform = new RuntimePlatform
            {
                CpuArchitecture = CpuArchitecture.X86_64,
                OperatingSystemFamily = OperatingSystemFamily.LINUX,
            },
        });

        LogGroup = new LogGroup(this, "Logs", new LogGroupProps
        {
            Retention = LogRetention.Days(settings.LogRetentionDays),
            RemovalPolicy = RemovalPolicy.DESTROY,
        });

        Environment = new Dictionary<string, string>
        {
            [RunContract.Source] = props.Source.Uri,
            [RunContract.Engine] = settings.SparkRemoteSecret is null ? settings.Engine : RunContract.SparkEngine,
            [RunContract.CategoryTable] = props.Tables.Category.TableName,
            [RunContract.OrderTable] = props.Tables.Order.TableName,
            [RunContract.RunsTable] = props.Tables.Runs.TableName,
            [RunContract.LogFormat] = RunContract.JsonLogs,
            [RunContract.Region] = Stack.Of(this).Region,
        };
        if (settings.MaxRejectedRatio is { Length: > 0 } ratio)
        {
            Environment[RunContract.MaxRejectedRatio] = ratio;
        }

        if (Environment[RunContract.Engine] == RunContract.SparkEngine && settings.SparkRemoteSecret is null)
        {
            throw new ArgumentException("The spark engine needs the Spark Connect address: set kpi:sparkRemoteSecret (PipelineSettings.SparkRemoteSecret).");
        }

        // SPARK_REMOTE holds a token: ECS reads the secret with the execution role when a task starts (CDK lets that
        // role read this one secret) and hands it to the container as the variable; it is never in the template.
        SparkRemoteSecret = settings.SparkRemoteSecret switch
        {
            null => null,
            var arn when arn.StartsWith("arn:", StringComparison.Ordinal) => Secret.FromSecretCompleteArn(this, "SparkRemote", arn),
            var name => Secret.FromSecretNameV2(this, "SparkRemote", name),
        };

        Container = TaskDefinition.AddContainer("Container", new ContainerDefinitionOptions
        {
            ContainerName = ContainerName,
            Image = props.Image,
            Essential = true,
            Environment = Environment,
            Secrets = SparkRemoteSecret is null ? null : new Dictionary<string, EcsSecret> { [RunContract.SparkRemote] = EcsSecret.FromSecretsManager(SparkRemoteSecret) },
            Logging = LogDrivers.AwsLogs(new AwsLogDriverProps { LogGroup = LogGroup, StreamPrefix = ContainerName }),
        });

        SecurityGroup = new SecurityGroup(this, "SecurityGroup", new SecurityGroupProps
        {
            Vpc = props.Network.Vpc,
            Description = "KPI pipeline tasks: outbound only.",
            AllowAllOutbound = true,
        });
    }

    public Role TaskRole { get; }

    /// <summary>The secret of SPARK_REMOTE, or null without Spark.</summary>
    public ISecret? SparkRemoteSecret { get; }

    public Role ExecutionRole { get; }

    public FargateTaskDefinition TaskDefinition { get; }

    public ContainerDefinition Container { get; }

    public LogGroup LogGroup { get; }

    public SecurityGroup SecurityGroup { get; }

    /// <summary>The environment of the container, by variable name.</summary>
    public Dictionary<string, string> Environment { get; }

    /// <summary>The task definition's family with any revision: what ecs:RunTask is allowed on.</summary>
    public string FamilyArn => Stack.Of(this).FormatArn(new ArnComponents
    {
        Service = "ecs",
        Resource = "task-definition",
        ResourceName = $"{TaskDefinition.Family}:*",
    });
}
