using Amazon.DynamoDBv2;
using Kpi.Shared;
using Kpi.Shared.Runs;
using Kpi.Shared.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Kpi.Pipeline.Hosting;

/// <summary>
/// The generic host of one command: configuration from the environment with the command line's flags on
/// top, logging, validated options and AWS clients. Settings are validated when the host starts.
/// </summary>
internal static class PipelineHost
{
    public static IHost Build(IReadOnlyDictionary<string, string?> flags, Action<IServiceCollection> addServices)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddEnvironmentVariables().AddInMemoryCollection(flags);
        builder.Logging.AddPipelineConsole(builder.Configuration);
        builder.Services.Configure<ConsoleLifetimeOptions>(options => options.SuppressStatusMessages = true);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddPipelineAws();
        addServices(builder.Services);
        return builder.Build();
    }

    /// <summary>Starts the host; a setting that fails validation is printed with its name and gives exit code 2.</summary>
    public static async Task<int?> StartAsync(IHost host, CancellationToken cancellationToken)
    {
        try
        {
            await host.StartAsync(cancellationToken);
            return null;
        }
        catch (Exception ex) when (ex is OptionsValidationException or AggregateException { InnerExceptions: [OptionsValidationException, ..] })
        {
            var failures = ex is AggregateException all ? all.InnerExceptions.OfType<OptionsValidationException>().SelectMany(e => e.Failures) : ((OptionsValidationException)ex).Failures;
            foreach (var failure in failures.Distinct())
            {
                await Console.Error.WriteLineAsync(TerminalText.Printable($"Invalid setting: {failure}"));
            }

            return ExitCodes.InvalidInput;
        }
    }

    /// <summary>The table names alone, for commands that only read the tables.</summary>
    public static IServiceCollection AddTableOptions(this IServiceCollection services)
    {
        services.AddOptions<KpiTableOptions>()
            .Configure<IConfiguration>((options, configuration) => options.Bind(name => configuration[name]))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<KpiTableOptions>, TableOptionsValidator>();
        services.AddSingleton<IValidateOptions<KpiTableOptions>>(new AwsEndpointValidator<KpiTableOptions>("DYNAMODB"));
        return services;
    }
}
