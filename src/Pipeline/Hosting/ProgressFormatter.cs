using Kpi.Shared;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;

namespace Kpi.Pipeline.Hosting;

/// <summary>"hh:mm:ss message" lines: a progress report rather than a log dump.</summary>
internal sealed class ProgressFormatter() : ConsoleFormatter(FormatterName)
{
    public const string FormatterName = "kpi-progress";

    public override void Write<TState>(in LogEntry<TState> logEntry, Microsoft.Extensions.Logging.IExternalScopeProvider? scopeProvider, TextWriter textWriter)
    {
        // A report over several lines (the samples of a failed ratio) keeps them, indented under its first: no
        // line of it can pass for a log line of its own.
        var message = string.Join(
            Environment.NewLine + "         ",
            logEntry.Formatter(logEntry.State, logEntry.Exception).Split('\n').Select(line => TerminalText.Printable(line.TrimEnd('\r'))));
        var level = logEntry.LogLevel switch
        {
            LogLevel.Warning => "warning: ",
            LogLevel.Error or LogLevel.Critical => "error: ",
            _ => "",
        };
        textWriter.Write($"{DateTime.Now:HH:mm:ss} {level}{message}{Environment.NewLine}");
        if (logEntry.Exception is { } exception && logEntry.LogLevel >= LogLevel.Error)
        {
            textWriter.Write($"         ({exception.GetType().Name}){Environment.NewLine}");
        }
    }
}
