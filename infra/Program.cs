using Amazon.CDK;
using Kpi.Infra;

var app = new App();
var stackName = app.Node.TryGetContext("kpi:stackName") as string ?? "Kpi";
_ = new KpiStack(app, stackName, ContextSettings.Read(app.Node), new StackProps
{
    Description = "KPI pipeline and dashboard: DynamoDB tables, source bucket, ECS Fargate pipeline on a schedule, dashboard behind a load balancer.",
});
app.Synth();
