using Kpi.Infra.Settings;

namespace Kpi.Infra.Tests;

/// <summary>The stack synthesized twice, once per test run: with the defaults and with every setting changed.</summary>
public sealed class SynthesizedSystems : IDisposable
{
    public const string Bucket = "acme-kpi-exports";
    public const string Prefix = "exports/daily/";
    public const string VpcId = "vpc-0123456789abcdef0";
    public const string CertificateArn = "arn:aws:acm:eu-west-1:111122223333:certificate/0a1b2c3d-1111-2222-3333-444455556666";
    public const string ClientSecretName = "kpi/oidc-client-secret";
    public const string SparkRemoteSecretName = "kpi/spark-remote";

    public static readonly string[] TaskSubnets = ["subnet-0aaaaaaaaaaaaaaa1", "subnet-0aaaaaaaaaaaaaaa2"];
    public static readonly string[] LoadBalancerSubnets = ["subnet-0bbbbbbbbbbbbbbb1", "subnet-0bbbbbbbbbbbbbbb2"];

    public static readonly KpiSystemSettings CustomSettings = new()
    {
        Tables = new TableSettings
        {
            CategoryTable = "acme_category_kpis",
            OrderTable = "acme_order_kpis",
            RunsTable = "acme_kpi_runs",
            DataProtectionTable = "acme_keys",
            DeletionProtection = false,
            RetainOnDelete = false,
        },
        Source = new SourceSettings { ExistingBucketName = Bucket, Prefix = "/exports/daily" },
        Network = new NetworkSettings
        {
            VpcId = VpcId,
            AvailabilityZones = ["eu-west-1a", "eu-west-1b"],
            LoadBalancerSubnetIds = LoadBalancerSubnets,
            TaskSubnetIds = TaskSubnets,
            AssignPublicIp = false,
        },
        Images = new ImageSettings
        {
            PipelineRepository = "kpi-pipeline",
            PipelineTag = "1.4.2",
            DashboardRepository = "kpi-dashboard",
            DashboardTag = "1.4.2",
        },
        Pipeline = new PipelineSettings { Cpu = 2048, MemoryMiB = 8192, MaxRejectedRatio = "0.05", LogRetentionDays = 90, SparkRemoteSecret = SparkRemoteSecretName },
        Schedule = new ScheduleSettings { Expression = "cron(30 2 * * ? *)", Enabled = false },
        Dashboard = new DashboardSettings
        {
            CertificateArn = CertificateArn,
            DesiredCount = 2,
            LogRetentionDays = 14,
            Oidc = new OidcSettings
            {
                Authority = "https://login.example.com/realms/acme",
                ClientId = "kpi-dashboard",
                ClientSecret = ClientSecretName,
            },
            ExtraEnvironment = new Dictionary<string, string> { ["Logging__LogLevel__Default"] = "Warning" },
        },
    };

    public SynthesizedSystems()
    {
        System.Environment.SetEnvironmentVariable("JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION", "1");
        Default = new SynthesizedSystem(new KpiSystemSettings());
        Custom = new SynthesizedSystem(CustomSettings);
    }

    public SynthesizedSystem Default { get; }

    public SynthesizedSystem Custom { get; }

    public void Dispose()
    {
        Default.Dispose();
        Custom.Dispose();
    }
}
