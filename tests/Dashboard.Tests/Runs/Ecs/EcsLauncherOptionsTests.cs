using Kpi.Dashboard.Runs.Ecs;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Kpi.Dashboard.Tests.Runs.Ecs;

/// <summary>Settings come from Launcher__Ecs__* variables and fail start-up with the variable's name.</summary>
public sealed class EcsLauncherOptionsTests
{
    [Fact]
    public void The_documented_environment_variables_bind_and_assignPublicIp_defaults_to_DISABLED()
    {
        var options = Start(new()
        {
            ["Launcher__Ecs__Cluster"] = "kpi",
            ["Launcher__Ecs__TaskDefinition"] = "kpi-pipeline:7",
            ["Launcher__Ecs__ContainerName"] = "pipeline",
            ["Launcher__Ecs__Subnets__0"] = "subnet-a",
            ["Launcher__Ecs__Subnets__1"] = "subnet-b",
            ["Launcher__Ecs__SecurityGroups__0"] = "sg-1",
        });

        Assert.Equal("kpi", options.Cluster);
        Assert.Equal("kpi-pipeline:7", options.TaskDefinition);
        Assert.Equal("pipeline", options.ContainerName);
        Assert.Equal(["subnet-a", "subnet-b"], options.Subnets);
        Assert.Equal(["sg-1"], options.SecurityGroups);
        Assert.Equal("DISABLED", options.AssignPublicIp);
    }

    [Fact]
    public void Start_up_fails_naming_every_missing_setting()
    {
        var error = Assert.Throws<OptionsValidationException>(() => Start([]));

        Assert.Contains(error.Failures, f => f.Contains("Launcher__Ecs__Cluster is required", StringComparison.Ordinal));
        Assert.Contains(error.Failures, f => f.Contains("Launcher__Ecs__TaskDefinition is required", StringComparison.Ordinal));
        Assert.Contains(error.Failures, f => f.Contains("Launcher__Ecs__ContainerName is required", StringComparison.Ordinal));
        Assert.Contains(error.Failures, f => f.Contains("Launcher__Ecs__Subnets__0 is required", StringComparison.Ordinal));
    }

    [Fact]
    public void Start_up_fails_naming_a_wrong_assignPublicIp_an_empty_subnet_and_a_bad_endpoint()
    {
        var error = Assert.Throws<OptionsValidationException>(() => Start(new()
        {
            ["Launcher__Ecs__Cluster"] = "kpi",
            ["Launcher__Ecs__TaskDefinition"] = "kpi-pipeline",
            ["Launcher__Ecs__ContainerName"] = "pipeline",
            ["Launcher__Ecs__Subnets__0"] = "subnet-a",
            ["Launcher__Ecs__Subnets__1"] = " ",
            ["Launcher__Ecs__AssignPublicIp"] = "yes",
            ["AWS_ENDPOINT_URL_ECS"] = "localhost:4566",
        }));

        Assert.Contains(error.Failures, f => f.Contains("Launcher__Ecs__AssignPublicIp must be ENABLED or DISABLED", StringComparison.Ordinal));
        Assert.Contains(error.Failures, f => f.Contains("Launcher__Ecs__Subnets__1 must not be empty", StringComparison.Ordinal));
        Assert.Contains(error.Failures, f => f.Contains("AWS_ENDPOINT_URL_ECS must be an absolute http(s) URL", StringComparison.Ordinal));
    }

    /// <summary>
    /// Reads the variables through the real environment-variable provider (under a prefix of this test's own,
    /// so parallel tests never see them) and runs the start-up validation the host runs.
    /// </summary>
    private static EcsLauncherOptions Start(Dictionary<string, string> variables)
    {
        var prefix = $"KPITEST_{Guid.NewGuid():N}_";
        foreach (var (name, value) in variables)
        {
            Environment.SetEnvironmentVariable(prefix + name, value);
        }

        try
        {
            var configuration = new ConfigurationBuilder().AddEnvironmentVariables(prefix).Build();
            using var services = new ServiceCollection().AddLogging().AddEcsLauncher(configuration).BuildServiceProvider();
            services.GetRequiredService<IStartupValidator>().Validate();
            return services.GetRequiredService<IOptions<EcsLauncherOptions>>().Value;
        }
        finally
        {
            foreach (var name in variables.Keys)
            {
                Environment.SetEnvironmentVariable(prefix + name, null);
            }
        }
    }
}
