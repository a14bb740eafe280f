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
        var message = Printable(logEntry.Formatter(logEntry.State, logEntry.Exception));
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

    /// <summary>
    /// The message with every control character written as <c>\uXXXX</c>: values from the input (a rejected
    /// value, a file name) can neither drive the terminal (escape sequences) nor forge a line of their own.
    /// </summary>
    internal static string Printable(string message)
    {
        if (!message.AsSpan().ContainsAnyInRange('\0', '\u001f') && !message.AsSpan().ContainsAnyInRange('\u007f', '\u009f'))
        {
            return message;
        }

        var text = new System.Text.StringBuilder(message.Length + 16);
        foreach (var c in message)
        {
            if (char.IsControl(c))
            {
                text.Append(System.Globalization.CultureInfo.InvariantCulture, $"\\u{(int)c:x4}");
            }
            else
            {
                text.Append(c);
            }
        }

        return text.ToString();
    }
}
