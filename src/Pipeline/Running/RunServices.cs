using Kpi.Pipeline.Engine;
using Kpi.Pipeline.Engine.DuckDb;
using Kpi.Pipeline.Engine.Spark;
using Kpi.Pipeline.Sources;
using Kpi.Shared.Runs;
using Kpi.Shared.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Kpi.Pipeline.Running;

/// <summary>What the <c>run</c> command needs: its validated request, the sources, the engines by name, the runner.</summary>
internal static class RunServices
{
    public static IServiceCollection AddRunServices(this IServiceCollection services)
    {
        services.AddOptions<RunRequest>()
            .Configure<IConfiguration>((request, configuration) => request.Bind(name => configuration[name]))
            .PostConfigure(request => request.RunId = request.RunId.Length > 0 ? request.RunId : Guid.NewGuid().ToString())
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<RunRequest>, RunRequestValidator>();
        services.AddSingleton<IValidateOptions<RunRequest>>(new AwsEndpointValidator<RunRequest>("DYNAMODB", "S3"));
        services.AddSingleton<IValidateOptions<RunRequest>, SparkRemoteValidator>();

        services.AddKpiEngine<DuckDbEngine>(DuckDbEngine.EngineName);
        services.AddKpiEngine<SparkConnectEngine>(SparkConnectEngine.EngineName);
        services.AddSingleton<InputSourceFactory>();
        services.AddSingleton<PipelineRunner>();
        services.AddSingleton<Hosting.StopSignals>();
        return services;
    }

    private sealed class RunRequestValidator(EngineCatalog engines) : IValidateOptions<RunRequest>
    {
        public ValidateOptionsResult Validate(string? name, RunRequest options) =>
            options.Validate(engines.Names) is { Count: > 0 } errors ? ValidateOptionsResult.Fail(errors) : ValidateOptionsResult.Success;
    }
}
