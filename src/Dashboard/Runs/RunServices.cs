using Amazon.DynamoDBv2;
using Kpi.Dashboard.Runs.Ecs;
using Kpi.Dashboard.Runs.Local;
using Kpi.Shared.Runs;
using Kpi.Shared.Storage;
using Microsoft.Extensions.Options;

namespace Kpi.Dashboard.Runs;

/// <summary>Run now: the launcher chosen by <c>Launcher__Mode</c>, the requester, the run monitor and its notifier.</summary>
public static class RunServices
{
    public static IServiceCollection AddRunLaunching(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<LauncherOptions>()
            .BindConfiguration(LauncherOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<LauncherOptions>, LocalPipelineValidator>();
        services.AddSingleton<IValidateOptions<LauncherOptions>, RunSettingsValidator>();

        services.AddKeyedSingleton<IRunLauncher, LocalRunLauncher>(LauncherMode.Local);

        // The ECS settings are required (and validated at start-up) only when ECS is the launcher.
        if (string.Equals(configuration[$"{LauncherOptions.Section}:{nameof(LauncherOptions.Mode)}"], nameof(LauncherMode.Ecs), StringComparison.OrdinalIgnoreCase))
        {
            services.AddEcsLauncher(configuration);
            services.AddKeyedSingleton<IRunLauncher>(LauncherMode.Ecs, (provider, _) => provider.GetRequiredService<EcsRunLauncher>());
        }
        services.AddSingleton(provider => provider.GetRequiredKeyedService<IRunLauncher>(provider.GetRequiredService<IOptions<LauncherOptions>>().Value.Mode));

        services.AddSingleton(provider => new DynamoRunStore(provider.GetRequiredService<IAmazonDynamoDB>(), provider.GetRequiredService<IOptions<KpiTableOptions>>().Value));
        services.AddSingleton<RunNotifier>();
        services.AddSingleton<RunMonitor>();
        services.AddHostedService(provider => provider.GetRequiredService<RunMonitor>());
        services.AddSingleton<RunRequester>();
        return services;
    }

    /// <summary>With the local launcher and a source to run on, the pipeline must be where the setting says.</summary>
    private sealed class LocalPipelineValidator(IConfiguration configuration) : IValidateOptions<LauncherOptions>
    {
        public ValidateOptionsResult Validate(string? name, LauncherOptions options)
        {
            if (options.Mode != LauncherMode.Local || string.IsNullOrWhiteSpace(configuration[RunRequest.SourceVariable]))
            {
                return ValidateOptionsResult.Success;
            }

            var path = PipelinePaths.Resolve(options.Local.PipelinePath);
            return File.Exists(path)
                ? ValidateOptionsResult.Success
                : ValidateOptionsResult.Fail($"{PipelinePaths.Setting}: the pipeline is not at {path} (build it, or set the path to Kpi.Pipeline.dll or an executable).");
        }
    }

    /// <summary>
    /// With a source to run on, the run settings Run now sends must be ones the pipeline takes (an engine it
    /// has, a ratio from 0 to 1, valid table names): found at start-up rather than in every run's exit code 2.
    /// </summary>
    private sealed class RunSettingsValidator(IConfiguration configuration) : IValidateOptions<LauncherOptions>
    {
        public ValidateOptionsResult Validate(string? name, LauncherOptions options)
        {
            if (string.IsNullOrWhiteSpace(configuration[RunRequest.SourceVariable]))
            {
                return ValidateOptionsResult.Success;
            }

            // The table names are the dashboard's own settings too, checked (once) with them.
            var request = RunRequest.Read(variable => configuration[variable]);
            var errors = request.Validate(RunRequest.Engines).Except(request.Tables.Validate()).ToList();
            return errors.Count > 0 ? ValidateOptionsResult.Fail(errors) : ValidateOptionsResult.Success;
        }
    }
}
