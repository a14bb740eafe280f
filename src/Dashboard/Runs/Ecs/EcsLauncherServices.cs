using Amazon.Runtime;
using Amazon.Runtime.Credentials;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Kpi.Dashboard.Runs.Ecs;

/// <summary>Registers the ECS launcher: its options (validated at start-up), the ECS endpoint, the signed HttpClient.</summary>
public static class EcsLauncherServices
{
    public static IServiceCollection AddEcsLauncher(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<EcsLauncherOptions>()
            .Bind(configuration.GetSection(EcsLauncherOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<EcsLauncherOptions>>(new EcsEndpointValidator(configuration)));
        services.TryAddSingleton(_ => EcsEndpoint.Resolve(name => configuration[name]));

        // The SDK's default chain (the dashboard's task role on ECS); tests register their own under the same key.
        services.TryAddKeyedSingleton<AWSCredentials>(EcsClient.CredentialsKey, (_, _) => DefaultAWSCredentialsIdentityResolver.GetCredentials());

        // Retrying RunTask is safe: the run id is its clientToken, so ECS starts one task per run whatever the attempts.
        services.AddHttpClient(EcsClient.HttpClientName)
            .AddStandardResilienceHandler(resilience => resilience.Retry.ShouldHandle = EcsClient.ShouldRetryAsync);
        services.TryAddSingleton<EcsClient>();
        services.TryAddSingleton<EcsRunLauncher>();
        return services;
    }

    /// <summary>Fails start-up naming the variable when an ECS endpoint override is not a URL.</summary>
    private sealed class EcsEndpointValidator(IConfiguration configuration) : IValidateOptions<EcsLauncherOptions>
    {
        public ValidateOptionsResult Validate(string? name, EcsLauncherOptions options)
        {
            try
            {
                EcsEndpoint.Resolve(variable => configuration[variable]);
                return ValidateOptionsResult.Success;
            }
            catch (InvalidOperationException ex)
            {
                return ValidateOptionsResult.Fail(ex.Message);
            }
        }
    }
}
