using Amazon.CDK.AWS.ECS;
using Kpi.Infra.Settings;

namespace Kpi.Infra.Parts;

public sealed record PipelineTaskProps(PipelineSettings Settings, KpiTables Tables, SourceData Source, Network Network, ContainerImage Image);
