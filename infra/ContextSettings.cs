using System.Globalization;
using Constructs;
using Kpi.Infra.Settings;

namespace Kpi.Infra;

/// <summary>
/// Reads the settings from CDK context (<c>cdk deploy -c kpi:sourceBucket=my-bucket</c>, or the "context"
/// of cdk.json); what is not given keeps its default. Lists are comma-separated.
/// </summary>
public static class ContextSettings
{
    public static KpiSystemSettings Read(Node node)
    {
        string? Text(string key) => node.TryGetContext("kpi:" + key) is { } value && value.ToString() is { Length: > 0 } text ? text : null;
        int? Number(string key) => Text(key) is not { } text ? null
            : int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number) ? number
            : throw new ArgumentException($"kpi:{key} must be a whole number, got '{text}'.");
        bool? Flag(string key) => Text(key) is not { } text ? null
            : bool.TryParse(text, out var flag) ? flag
            : throw new ArgumentException($"kpi:{key} must be true or false, got '{text}'.");
        string[] List(string key) => Text(key)?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? [];

        var defaults = new KpiSystemSettings();
        var oidc = Text("oidcAuthority") is { } authority
            ? new OidcSettings
            {
                Authority = authority,
                ClientId = Text("oidcClientId") ?? throw new ArgumentException("kpi:oidcClientId is required with kpi:oidcAuthority."),
                ClientSecret = Text("oidcClientSecret") ?? throw new ArgumentException("kpi:oidcClientSecret (a Secrets Manager name or ARN) is required with kpi:oidcAuthority."),
                OperatorRole = Text("oidcOperatorRole") ?? "kpi-operator",
            }
            : null;

        return new KpiSystemSettings
        {
            Tables = defaults.Tables with
            {
                CategoryTable = Text("categoryTable") ?? defaults.Tables.CategoryTable,
                OrderTable = Text("orderTable") ?? defaults.Tables.OrderTable,
                RunsTable = Text("runsTable") ?? defaults.Tables.RunsTable,
                DataProtectionTable = Text("dataProtectionTable") ?? defaults.Tables.DataProtectionTable,
                DeletionProtection = Flag("deletionProtection") ?? defaults.Tables.DeletionProtection,
                PointInTimeRecovery = Flag("pointInTimeRecovery") ?? defaults.Tables.PointInTimeRecovery,
                RetainOnDelete = Flag("retainTables") ?? defaults.Tables.RetainOnDelete,
            },
            Source = defaults.Source with
            {
                ExistingBucketName = Text("sourceBucket"),
                NewBucketName = Text("newBucketName"),
                Prefix = Text("sourcePrefix") ?? defaults.Source.Prefix,
            },
            Network = defaults.Network with
            {
                VpcId = Text("vpcId"),
                AvailabilityZones = List("availabilityZones"),
                LoadBalancerSubnetIds = List("loadBalancerSubnetIds"),
                TaskSubnetIds = List("taskSubnetIds"),
                AssignPublicIp = Flag("assignPublicIp") ?? defaults.Network.AssignPublicIp,
                MaxAzs = Number("maxAzs") ?? defaults.Network.MaxAzs,
                NatGateways = Number("natGateways") ?? defaults.Network.NatGateways,
            },
            Images = defaults.Images with
            {
                BuildContext = Text("buildContext"),
                PipelineRepository = Text("pipelineRepository"),
                PipelineTag = Text("pipelineTag") ?? defaults.Images.PipelineTag,
                DashboardRepository = Text("dashboardRepository"),
                DashboardTag = Text("dashboardTag") ?? defaults.Images.DashboardTag,
            },
            Pipeline = defaults.Pipeline with
            {
                Cpu = Number("pipelineCpu") ?? defaults.Pipeline.Cpu,
                MemoryMiB = Number("pipelineMemory") ?? defaults.Pipeline.MemoryMiB,
                MaxRejectedRatio = Text("maxRejectedRatio"),
                SparkRemoteSecret = Text("sparkRemoteSecret"),
                LogRetentionDays = Number("logRetentionDays") ?? defaults.Pipeline.LogRetentionDays,
            },
            Schedule = defaults.Schedule with
            {
                Enabled = Flag("scheduleEnabled") ?? defaults.Schedule.Enabled,
                Expression = Text("schedule") ?? defaults.Schedule.Expression,
            },
            Dashboard = defaults.Dashboard with
            {
                Cpu = Number("dashboardCpu") ?? defaults.Dashboard.Cpu,
                MemoryMiB = Number("dashboardMemory") ?? defaults.Dashboard.MemoryMiB,
                DesiredCount = Number("dashboardCount") ?? defaults.Dashboard.DesiredCount,
                CertificateArn = Text("certificateArn"),
                PublicLoadBalancer = Flag("publicLoadBalancer") ?? defaults.Dashboard.PublicLoadBalancer,
                Oidc = oidc,
                LogRetentionDays = Number("logRetentionDays") ?? defaults.Dashboard.LogRetentionDays,
            },
        };
    }
}
