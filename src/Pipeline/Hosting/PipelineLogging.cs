using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;

namespace Kpi.Pipeline.Hosting;

/// <summary>Console logging: a short progress report in a terminal, one JSON object a line with KPI_LOG_FORMAT=json.</summary>
internal static class PipelineLogging
{
    public const string FormatVariable = "KPI_LOG_FORMAT";

    public static ILoggingBuilder AddPipelineConsole(this ILoggingBuilder builder, IConfiguration configuration)
    {
        builder.ClearProviders();
        builder.SetMinimumLevel(LogLevel.Information);
        builder.AddFilter("Microsoft", LogLevel.Warning);
        builder.AddFilter("AWSSDK", LogLevel.Warning);

        // Start-up failures are reported by the command itself, with the setting's name and no stack trace.
        builder.AddFilter("Microsoft.Extensions.Hosting", LogLevel.None);
        if (string.Equals(configuration[FormatVariable], "json", StringComparison.OrdinalIgnoreCase))
        {
            builder.AddJsonConsole(options => options.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ");
        }
        else
        {
            // Registered directly: AddConsoleFormatter would also bind formatter options from configuration,
            // which this formatter has none of (and which a native AOT publish cannot do by reflection).
            builder.AddConsole(options => options.FormatterName = ProgressFormatter.FormatterName);
            builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<ConsoleFormatter, ProgressFormatter>());
        }

        return builder;
    }
}
