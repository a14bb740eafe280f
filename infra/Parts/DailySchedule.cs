using Amazon.CDK.AWS.ECS;
using Amazon.CDK.AWS.Events;
using Amazon.CDK.AWS.Events.Targets;
using Constructs;
using Kpi.Infra.Settings;

namespace Kpi.Infra.Parts;

/// <summary>An EventBridge rule that starts one pipeline task on the schedule, in the tasks' subnets.</summary>
public sealed class DailySchedule : Construct
{
    public DailySchedule(Construct scope, string id, ScheduleSettings settings, ICluster cluster, PipelineTask pipeline, Network network)
        : base(scope, id)
    {
        Rule = new Rule(this, "Rule", new RuleProps
        {
            Description = "Runs the KPI pipeline.",
            Schedule = Schedule.Expression(settings.Expression),
            Enabled = settings.Enabled,
        });
        Rule.AddTarget(new EcsTask(new EcsTaskProps
        {
            Cluster = cluster,
            TaskDefinition = pipeline.TaskDefinition,
            TaskCount = 1,
            SubnetSelection = network.TaskSubnets,
            SecurityGroups = [pipeline.SecurityGroup],
            AssignPublicIp = network.AssignPublicIp,
            PlatformVersion = FargatePlatformVersion.LATEST,
            RetryAttempts = 2,
        }));
    }

    public Rule Rule { get; }
}
