using Amazon.CDK;
using Amazon.CDK.AWS.CertificateManager;
using Amazon.CDK.AWS.ECS;
using Amazon.CDK.AWS.ECS.Patterns;
using Amazon.CDK.AWS.ElasticLoadBalancingV2;
using Amazon.CDK.AWS.IAM;
using Amazon.CDK.AWS.Logs;
using Amazon.CDK.AWS.SecretsManager;
using Constructs;
using Kpi.Infra.Settings;
using Kpi.Shared.Storage;
using EcsSecret = Amazon.CDK.AWS.ECS.Secret;
using HealthCheck = Amazon.CDK.AWS.ElasticLoadBalancingV2.HealthCheck;

namespace Kpi.Infra.Parts;

/// <summary>
/// The dashboard: a Fargate service behind an Application Load Balancer with sticky sessions (a Blazor
/// Server circuit lives on one task), able to read the tables and to start, watch and stop pipeline tasks.
/// </summary>
public sealed class DashboardService : Construct
{
    public const string ContainerName = "dashboard";
    public const int ContainerPort = 8080;
    public const string HealthPath = "/healthz";

    /// <summary>The container's own check (the image's HEALTHCHECK; ECS ignores an image's and needs its own).</summary>
    public static readonly string[] HealthCommand = ["CMD", "dotnet", "/app/Kpi.Dashboard.dll", "--health"];

    public DashboardService(Construct scope, string id, DashboardServiceProps props)
        : base(scope, id)
    {
        var settings = props.Settings;
        TaskRole = new Role(this, "TaskRole", new RoleProps
        {
            AssumedBy = new ServicePrincipal("ecs-tasks.amazonaws.com"),
            Description = "KPI dashboard task: reads the tables, records and starts pipeline runs.",
        });
        foreach (var statement in Statements(props))
        {
            TaskRole.AddToPrincipalPolicy(statement);
        }

        LogGroup = new LogGroup(this, "Logs", new LogGroupProps
        {
            Retention = LogRetention.Days(settings.LogRetentionDays),
            RemovalPolicy = RemovalPolicy.DESTROY,
        });

        var loadBalancer = new ApplicationLoadBalancer(this, "LoadBalancer", new Amazon.CDK.AWS.ElasticLoadBalancingV2.ApplicationLoadBalancerProps
        {
            Vpc = props.Network.Vpc,
            VpcSubnets = props.Network.LoadBalancerSubnets,
            InternetFacing = settings.PublicLoadBalancer ?? settings.Oidc is not null,
        });

        Environment = BuildEnvironment(props);
        var https = settings.CertificateArn is { Length: > 0 };
        Service = new ApplicationLoadBalancedFargateService(this, "Service", new ApplicationLoadBalancedFargateServiceProps
        {
            Cluster = props.Cluster,
            LoadBalancer = loadBalancer,
            TaskSubnets = props.Network.TaskSubnets,
            AssignPublicIp = props.Network.AssignPublicIp,
            Cpu = settings.Cpu,
            MemoryLimitMiB = settings.MemoryMiB,
            DesiredCount = settings.DesiredCount,
            Protocol = https ? ApplicationProtocol.HTTPS : ApplicationProtocol.HTTP,
            Certificate = https ? Certificate.FromCertificateArn(this, "Certificate", settings.CertificateArn!) : null,
            RedirectHTTP = https,
            SslPolicy = https ? SslPolicy.RECOMMENDED_TLS : null,
            CircuitBreaker = new DeploymentCircuitBreaker { Rollback = true },
            HealthCheckGracePeriod = Duration.Seconds(60),
            RuntimePlatform = new RuntimePlatform
            {
                CpuArchitecture = CpuArchitecture.X86_64,
                OperatingSystemFamily = OperatingSystemFamily.LINUX,
            },
            TaskImageOptions = new ApplicationLoadBalancedTaskImageOptions
            {
                Image = props.Image,
                ContainerName = ContainerName,
                ContainerPort = ContainerPort,
                TaskRole = TaskRole,
                Environment = Environment,
                Secrets = Secrets(settings),
                LogDriver = LogDrivers.AwsLogs(new AwsLogDriverProps { LogGroup = LogGroup, StreamPrefix = ContainerName }),
            },
        });

        var taskDefinition = (CfnTaskDefinition)Service.TaskDefinition.Node.DefaultChild!;
        taskDefinition.AddPropertyOverride("ContainerDefinitions.0.HealthCheck", new Dictionary<string, object>
        {
            ["Command"] = HealthCommand,
            ["Interval"] = 30,
            ["Timeout"] = 5,
            ["Retries"] = 3,
            ["StartPeriod"] = 30,
        });

        Service.TargetGroup.ConfigureHealthCheck(new HealthCheck
        {
            Path = HealthPath,
            HealthyHttpCodes = "200",
            Interval = Duration.Seconds(15),
            HealthyThresholdCount = 2,
        });
        Service.TargetGroup.EnableCookieStickiness(Duration.Hours(8));
        Service.TargetGroup.SetAttribute("deregistration_delay.timeout_seconds", "30");
    }

    public Role TaskRole { get; }

    public LogGroup LogGroup { get; }

    public ApplicationLoadBalancedFargateService Service { get; }

    /// <summary>The container's environment, by variable name.</summary>
    public Dictionary<string, string> Environment { get; }

    private Dictionary<string, EcsSecret>? Secrets(DashboardSettings settings)
    {
        if (settings.Oidc is not { } oidc)
        {
            Annotations.Of(this).AddWarningV2(
                "kpi:dashboard-without-oidc",
                "The dashboard gets no Auth__ settings, so nobody signs in and Run now is not offered through the load balancer: set kpi:oidcAuthority, kpi:oidcClientId and kpi:oidcClientSecret (or DashboardSettings.Oidc)." +
                (settings.PublicLoadBalancer == true
                    ? " kpi:publicLoadBalancer=true puts its KPIs on the internet for anyone to read."
                    : " Its load balancer is internal: reachable from the VPC only (kpi:publicLoadBalancer=true makes it internet-facing, readable by anyone)."));
            return null;
        }

        var secret = oidc.ClientSecret.StartsWith("arn:", StringComparison.Ordinal)
            ? Amazon.CDK.AWS.SecretsManager.Secret.FromSecretCompleteArn(this, "OidcClientSecret", oidc.ClientSecret)
            : Amazon.CDK.AWS.SecretsManager.Secret.FromSecretNameV2(this, "OidcClientSecret", oidc.ClientSecret);
        return new Dictionary<string, EcsSecret> { ["Auth__ClientSecret"] = EcsSecret.FromSecretsManager(secret) };
    }

    private static Dictionary<string, string> BuildEnvironment(DashboardServiceProps props)
    {
        var pipeline = props.Pipeline;
        var environment = new Dictionary<string, string>
        {
            [RunContract.CategoryTable] = props.Tables.Category.TableName,
            [RunContract.OrderTable] = props.Tables.Order.TableName,
            [RunContract.RunsTable] = props.Tables.Runs.TableName,
            [DataProtectionAttributes.TableVariable] = props.Tables.DataProtection.TableName,
            [RunContract.Source] = pipeline.Environment[RunContract.Source],
            [RunContract.Engine] = pipeline.Environment[RunContract.Engine],
            [RunContract.Region] = Stack.Of(props.Cluster).Region,
            ["ASPNETCORE_HTTP_PORTS"] = ContainerPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Logging__Console__FormatterName"] = "json",
            ["Launcher__Mode"] = "Ecs",
            ["Launcher__Ecs__Cluster"] = props.Cluster.ClusterArn,
            ["Launcher__Ecs__TaskDefinition"] = pipeline.TaskDefinition.TaskDefinitionArn,
            ["Launcher__Ecs__ContainerName"] = PipelineTask.ContainerName,
            ["Launcher__Ecs__SecurityGroups__0"] = pipeline.SecurityGroup.SecurityGroupId,
            ["Launcher__Ecs__AssignPublicIp"] = props.Network.AssignPublicIp ? "ENABLED" : "DISABLED",
        };
        // Run now sends the dashboard's run settings as overrides, which win over the task definition's.
        if (pipeline.Environment.TryGetValue(RunContract.MaxRejectedRatio, out var ratio))
        {
            environment[RunContract.MaxRejectedRatio] = ratio;
        }

        var subnets = props.Network.TaskSubnetIds;
        for (var i = 0; i < subnets.Length; i++)
        {
            environment[$"Launcher__Ecs__Subnets__{i}"] = subnets[i];
        }

        if (props.Settings.Oidc is { } oidc)
        {
            environment["Auth__Authority"] = oidc.Authority;
            environment["Auth__ClientId"] = oidc.ClientId;
            environment["Auth__OperatorRole"] = oidc.OperatorRole;

            // The load balancer ends TLS: the sign-in redirect must be built from X-Forwarded-Proto (https).
            // The dashboard refuses forwarded headers without an identity provider, so only here.
            environment["ASPNETCORE_FORWARDEDHEADERS_ENABLED"] = "true";
        }

        foreach (var (name, value) in props.Settings.ExtraEnvironment)
        {
            environment[name] = value;
        }

        return environment;
    }

    private static IEnumerable<PolicyStatement> Statements(DashboardServiceProps props)
    {
        var tables = props.Tables;
        var pipeline = props.Pipeline;
        var onCluster = new Dictionary<string, object>
        {
            ["ArnEquals"] = new Dictionary<string, object> { ["ecs:cluster"] = props.Cluster.ClusterArn },
        };
        yield return Allow("ScanKpiTables", ["dynamodb:Scan"], tables.Category.TableArn, tables.Order.TableArn);
        yield return Allow("QueryRuns", ["dynamodb:Query"], tables.Runs.TableArn, $"{tables.Runs.TableArn}/index/{RunAttributes.ByStartIndex}");
        yield return Allow("RecordRuns", ["dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem"], tables.Runs.TableArn);
        yield return Allow("CheckReadiness", ["dynamodb:DescribeTable"], tables.Category.TableArn);
        // The key ring: read whole (a handful of items) and a new key added now and then; never updated or deleted.
        yield return Allow("DataProtectionKeys", ["dynamodb:Scan", "dynamodb:PutItem"], tables.DataProtection.TableArn);
        yield return new PolicyStatement(new PolicyStatementProps
        {
            Sid = "StartPipelineTasks",
            Actions = ["ecs:RunTask"],
            Resources = [pipeline.FamilyArn],
            Conditions = onCluster,
        });
        yield return new PolicyStatement(new PolicyStatementProps
        {
            Sid = "WatchPipelineTasks",
            Actions = ["ecs:DescribeTasks", "ecs:StopTask"],
            Resources = [Stack.Of(props.Cluster).FormatArn(new ArnComponents { Service = "ecs", Resource = "task", ResourceName = $"{props.Cluster.ClusterName}/*" })],
            Conditions = onCluster,
        });
        yield return new PolicyStatement(new PolicyStatementProps
        {
            Sid = "PassPipelineRoles",
            Actions = ["iam:PassRole"],
            Resources = [pipeline.TaskRole.RoleArn, pipeline.ExecutionRole.RoleArn],
            Conditions = new Dictionary<string, object>
            {
                ["StringEquals"] = new Dictionary<string, object> { ["iam:PassedToService"] = "ecs-tasks.amazonaws.com" },
            },
        });
    }

    private static PolicyStatement Allow(string sid, string[] actions, params string[] resources) =>
        new(new PolicyStatementProps { Sid = sid, Actions = actions, Resources = resources });
}
