using Amazon.CDK;
using Amazon.CDK.AWS.ECS;
using Constructs;
using Kpi.Infra.Parts;
using Kpi.Infra.Settings;

namespace Kpi.Infra;

/// <summary>
/// The whole system in one environment-agnostic stack: tables, source bucket, network, ECS cluster, the
/// pipeline task and its daily schedule, and the dashboard service that can start the same task.
/// </summary>
public sealed class KpiStack : Stack
{
    public KpiStack(Construct scope, string id, KpiSystemSettings settings, IStackProps? props = null)
        : base(scope, id, props)
    {
        Tables = new KpiTables(this, "Tables", settings.Tables);
        Source = new SourceData(this, "Source", settings.Source);
        Network = new Network(this, "Network", settings.Network);
        Cluster = new Cluster(this, "Cluster", new ClusterProps { Vpc = Network.Vpc });
        Pipeline = new PipelineTask(this, "Pipeline", new PipelineTaskProps(
            settings.Pipeline, Tables, Source, Network, Images.Pipeline(this, settings.Images)));
        Schedule = new DailySchedule(this, "Schedule", settings.Schedule, Cluster, Pipeline, Network);
        Dashboard = new DashboardService(this, "Dashboard", new DashboardServiceProps(
            settings.Dashboard, Tables, Pipeline, Cluster, Network, Images.Dashboard(this, settings.Images)));

        _ = new CfnOutput(this, "SourceUri", new CfnOutputProps { Value = Source.Uri, Description = "KPI_SOURCE: upload the CSV files here." });
        _ = new CfnOutput(this, "ClusterName", new CfnOutputProps { Value = Cluster.ClusterName });
        _ = new CfnOutput(this, "PipelineTaskDefinition", new CfnOutputProps { Value = Pipeline.TaskDefinition.TaskDefinitionArn });
    }

    public KpiTables Tables { get; }

    public SourceData Source { get; }

    public Network Network { get; }

    public Cluster Cluster { get; }

    public PipelineTask Pipeline { get; }

    public DailySchedule Schedule { get; }

    /// <summary>The dashboard service, its role and its environment.</summary>
    public DashboardService Dashboard { get; }
}
