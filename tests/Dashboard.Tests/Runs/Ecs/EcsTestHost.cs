using Amazon.Runtime;
using Kpi.Dashboard.Runs.Ecs;
using Kpi.TestSupport.FakeEcs;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Kpi.Dashboard.Tests.Runs.Ecs;

/// <summary>The launcher as the dashboard wires it (AddEcsLauncher), pointed at a fake ECS through AWS_ENDPOINT_URL_ECS.</summary>
internal sealed class EcsTestHost : IDisposable
{
    public const string Family = "kpi-pipeline";
    public const string Container = "pipeline";

    private readonly ServiceProvider _services;

    public EcsTestHost(FakeEcsServer ecs, AWSCredentials? credentials = null, Action<IServiceCollection>? configure = null, Dictionary<string, string?>? settings = null)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Launcher:Ecs:Cluster"] = FakeEcsServer.ClusterName,
            ["Launcher:Ecs:TaskDefinition"] = Family,
            ["Launcher:Ecs:ContainerName"] = Container,
            ["Launcher:Ecs:Subnets:0"] = "subnet-0a1b2c3d",
            ["Launcher:Ecs:Subnets:1"] = "subnet-4e5f6a7b",
            ["Launcher:Ecs:SecurityGroups:0"] = "sg-0123456789",
            ["AWS_ENDPOINT_URL_ECS"] = ecs.Endpoint.ToString(),
            ["AWS_REGION"] = FakeEcsServer.Region,
        }.Concat(settings ?? [])
            .GroupBy(setting => setting.Key).Select(group => group.Last())).Build();
        var services = new ServiceCollection().AddLogging();
        services.AddEcsLauncher(configuration);
        services.AddKeyedSingleton(EcsClient.CredentialsKey, credentials ?? ecs.Credentials);
        configure?.Invoke(services);
        _services = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    public EcsRunLauncher Launcher => _services.GetRequiredService<EcsRunLauncher>();

    /// <summary>A task definition whose container is a shell command.</summary>
    public static FakeTaskDefinition Shell(string script, IReadOnlyDictionary<string, string>? environment = null, string? placementFailure = null, string? pullError = null) =>
        new(Family, Container, "/bin/sh", ["-c", script], environment, placementFailure, pullError);

    /// <summary>Polls DescribeTasks (through the launcher) until the task is STOPPED; fails after a generous bound.</summary>
    public async Task<EcsTaskState> WaitUntilStoppedAsync(FakeEcsServer ecs, string taskArn) =>
        await WaitForAsync(ecs, taskArn, state => state.IsStopped, "STOPPED");

    public async Task<EcsTaskState> WaitForAsync(FakeEcsServer ecs, string taskArn, Func<EcsTaskState, bool> reached, string what)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        EcsTaskState? state = null;
        while (DateTime.UtcNow < deadline)
        {
            state = await Launcher.DescribeAsync(taskArn, TestContext.Current.CancellationToken);
            if (reached(state))
            {
                return state;
            }

            await Task.Delay(100, TestContext.Current.CancellationToken);
        }

        throw new TimeoutException($"Task {taskArn} did not reach {what} (last: {state}). Container output:\n{ecs.Task(taskArn).Output}");
    }

    public void Dispose() => _services.Dispose();
}
