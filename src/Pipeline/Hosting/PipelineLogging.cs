using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;

namespace Kpi.Pipeline.Hosting;

/// <summary>Console logging: a short progress report in a terminal, one JSON object a line with KPI_LOG_FORMAT=json.</summary>
internal static class PipelineLogging
{
    public const string FormatVariable = "KPI_LOG_FORMAT";

    /// <summary>One JSON object a line (for CloudWatch).</summary>
    public const string Json = "json";

    /// <summary>The progress report, also when the variable is unset or empty.</summary>
    public const string Text = "text";

    public static ILoggingBuilder AddPipelineConsole(this ILoggingBuilder builder, IConfiguration configuration)
    {
        builder.ClearProviders();
        builder.SetMinimumLevel(LogLevel.Information);
        builder.AddFilter("Microsoft", LogLevel.Warning);
        builder.AddFilter("AWSSDK", LogLevel.Warning);

        // Start-up failures are reported by the command itself, with the setting's name and no stack trace.
        builder.AddFilter("Microsoft.Extensions.Hosting", LogLevel.None);

        // Any other value is refused when the host starts, as other settings are; until then logs are the progress report.
        var format = configuration[FormatVariable]?.Trim() ?? "";
        builder.Services.AddOptions<LogFormat>().Configure(options => options.Value = format).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<LogFormat>, LogFormatValidator>();
        if (string.Equals(format, Json, StringComparison.OrdinalIgnoreCase))
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

    /// <summary>KPI_LOG_FORMAT as given, trimmed.</summary>
    internal sealed class LogFormat
    {
        public string Value { get; set; } = "";
    }

    /// <summary><c>json</c> or <c>text</c> in any case (as <c>json</c> always was), or unset.</summary>
    private sealed class LogFormatValidator : IValidateOptions<LogFormat>
    {
        public ValidateOptionsResult Validate(string? name, LogFormat options) =>
            options.Value.Length == 0 || string.Equals(options.Value, Json, StringComparison.OrdinalIgnoreCase) || string.Equals(options.Value, Text, StringComparison.OrdinalIgnoreCase)
                ? ValidateOptionsResult.Success
                : ValidateOptionsResult.Fail($"{FormatVariable} must be {Json} (one JSON object a line) or {Text} (the progress report, also when unset), got '{options.Value}'.");
    }
}
