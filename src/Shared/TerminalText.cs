using System.Buffers;
using System.Globalization;
using System.Text;

namespace Kpi.Shared;

/// <summary>
/// Text for a terminal or a log line: what came from the input or the KPI tables (values, file names, categories,
/// item keys) is shown, never obeyed. The pipeline's terminal output and the dashboard's log lines both use it.
/// </summary>
public static class TerminalText
{
    /// <summary>Control characters (C0, DEL, C1), line and paragraph separators, and the bidirectional overrides.</summary>
    private static readonly SearchValues<char> Escaped = SearchValues.Create(
        [.. Enumerable.Range(0, 0x20).Select(c => (char)c), .. Enumerable.Range(0x7F, 0x21).Select(c => (char)c),
         '\u2028', '\u2029', '\u202A', '\u202B', '\u202C', '\u202D', '\u202E', '\u2066', '\u2067', '\u2068', '\u2069']);

    /// <summary>
    /// The text with each of those characters written as <c>\uXXXX</c>: values from the input (a rejected value,
    /// a file name, a category) can neither drive the terminal (escape sequences), nor forge a line of their own,
    /// nor reorder what is shown.
    /// </summary>
    public static string Printable(string text)
    {
        if (!text.AsSpan().ContainsAny(Escaped))
        {
            return text;
        }

        var printable = new StringBuilder(text.Length + 16);
        foreach (var c in text)
        {
            if (Escaped.Contains(c))
            {
                printable.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}");
            }
            else
            {
                printable.Append(c);
            }
        }

        return printable.ToString();
    }
}
