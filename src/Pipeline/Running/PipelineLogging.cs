using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;

namespace Kpi.Pipeline.Running;

/// <summary>Console logging: a short progress report in a terminal, one JSON object a line with KPI_LOG_FORMAT=json.</summary>
internal static class PipelineLogging
{
    public static ILoggerFactory CreateFactory() => LoggerFactory.Create(builder =>
    {
        builder.SetMinimumLevel(LogLevel.Information);
        builder.AddFilter("Microsoft", LogLevel.Warning);
        if (string.Equals(Environment.GetEnvironmentVariable("KPI_LOG_FORMAT"), "json", StringComparison.OrdinalIgnoreCase))
        {
            builder.AddJsonConsole(options => options.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ");
        }
        else
        {
            builder.AddConsole(options => options.FormatterName = ProgressFormatter.FormatterName)
                .AddConsoleFormatter<ProgressFormatter, ConsoleFormatterOptions>();
        }
    });
}
