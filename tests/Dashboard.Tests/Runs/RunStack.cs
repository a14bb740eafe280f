using System.Reflection;
using Amazon.DynamoDBv2;
using Kpi.Dashboard.Data;
using Kpi.Dashboard.Runs;
using Kpi.Dashboard.Runs.Ecs;
using Kpi.Shared.Runs;
using Kpi.Shared.Storage;
using Kpi.TestSupport;
using Kpi.TestSupport.FakeEcs;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;

namespace Kpi.Dashboard.Tests.Runs;

/// <summary>
/// Run now as the dashboard wires it (AddRunLaunching with <c>Launcher__Mode=Ecs</c>) over DynamoDB Local and a
/// fake ECS: the requester, the monitor (started by the test) and the ECS launcher.
/// </summary>
internal sealed class RunStack : IAsyncDisposable
{
    private readonly ServiceProvider _services;
    private bool _monitorStarted;

    public RunStack(FakeEcsServer ecs, IAmazonDynamoDB dynamo, KpiTableOptions tables, string source, FakeTimeProvider? time = null, IReadOnlyDictionary<string, string?>? settings = null)
    {
        Time = time ?? new FakeTimeProvider(DateTimeOffset.UtcNow);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Launcher:Mode"] = "Ecs",
            ["Launcher:PollSeconds"] = "1",
            ["Launcher:TimeoutMinutes"] = "30",
            ["Launcher:Ecs:Cluster"] = FakeEcsServer.ClusterName,
            ["Launcher:Ecs:TaskDefinition"] = "kpi-pipeline",
            ["Launcher:Ecs:ContainerName"] = "pipeline",
            ["Launcher:Ecs:Subnets:0"] = "subnet-0a1b2c3d",
            ["AWS_ENDPOINT_URL_ECS"] = ecs.Endpoint.ToString(),
            ["AWS_REGION"] = FakeEcsServer.Region,
            [RunRequest.SourceVariable] = source,
            [KpiTableOptions.CategoryTableVariable] = tables.CategoryTable,
            [KpiTableOptions.OrderTableVariable] = tables.OrderTable,
            [KpiTableOptions.RunsTableVariable] = tables.RunsTable,
        }).AddInMemoryCollection(settings ?? new Dictionary<string, string?>()).Build();
        var services = new ServiceCollection().AddLogging();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddSingleton<TimeProvider>(Time);
        services.AddSingleton(dynamo);
        services.AddSingleton(Microsoft.Extensions.Options.Options.Create(tables));
        services.AddSingleton<KpiReader>();
        services.AddRunLaunching(configuration);
        services.AddKeyedSingleton(EcsClient.CredentialsKey, ecs.Credentials);
        _services = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });
    }

    public FakeTimeProvider Time { get; }

    public RunRequester Requester => _services.GetRequiredService<RunRequester>();

    public RunMonitor Monitor => _services.GetRequiredService<RunMonitor>();

    public DynamoRunStore Runs => _services.GetRequiredService<DynamoRunStore>();

    public static string PipelineDll => Path.GetFullPath(typeof(RunStack).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "PipelineDll").Value!);

    /// <summary>The real pipeline as the task's container, reaching DynamoDB Local with the task definition's environment.</summary>
    public static FakeTaskDefinition PipelineTask(DynamoDbLocal dynamo)
    {
        var (fileName, arguments) = PublishedPipeline.Command(PipelineDll, "run");
        return new("kpi-pipeline", "pipeline", fileName, arguments, dynamo.Environment);
    }

    public static FakeTaskDefinition ShellTask(string script, string? placementFailure = null, string? pullError = null) =>
        new("kpi-pipeline", "pipeline", "/bin/sh", ["-c", script], null, placementFailure, pullError);

    public async Task StartMonitorAsync()
    {
        await ((IHostedService)Monitor).StartAsync(CancellationToken.None);
        _monitorStarted = true;
    }

    /// <summary>Polls the record until <paramref name="done"/> holds; fails with the record after a generous bound.</summary>
    public async Task<KpiRun> WaitForAsync(string runId, Func<KpiRun, bool> done)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(90);
        var run = await Runs.GetAsync(runId, CancellationToken.None);
        while (!(run is not null && done(run)) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(200);
            run = await Runs.GetAsync(runId, CancellationToken.None);
        }

        Assert.True(run is not null && done(run), $"Run {runId} did not get there: {run}");
        return run!;
    }

    /// <summary>The active-run lock once the monitor has let go of it (null), or what it still names after a bound.</summary>
    public async Task<string?> WaitForLockAsync()
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        var active = await Runs.GetActiveRunIdAsync(CancellationToken.None);
        while (active is not null && DateTime.UtcNow < deadline)
        {
            await Task.Delay(200);
            active = await Runs.GetActiveRunIdAsync(CancellationToken.None);
        }

        return active;
    }

    public async ValueTask DisposeAsync()
    {
        if (_monitorStarted)
        {
            await ((IHostedService)Monitor).StopAsync(CancellationToken.None);
        }

        await _services.DisposeAsync();
    }
}
