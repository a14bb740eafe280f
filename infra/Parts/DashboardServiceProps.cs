using Amazon.CDK.AWS.ECS;
using Kpi.Infra.Settings;

namespace Kpi.Infra.Parts;

public sealed record DashboardServiceProps(
    DashboardSettings Settings, KpiTables Tables, PipelineTask Pipeline, ICluster Cluster, Network Network, ContainerImage Image);
