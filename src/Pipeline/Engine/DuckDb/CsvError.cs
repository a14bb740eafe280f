using System.Text.RegularExpressions;
using Kpi.Pipeline.Sources;

namespace Kpi.Pipeline.Engine.DuckDb;

/// <summary>Turns DuckDB's multi-line CSV error into one sentence naming the file, the line and the reason.</summary>
internal static partial class CsvError
{
    public static string Describe(string message, IReadOnlyList<InputFile> files, IReadOnlyDictionary<string, InputFile> readPaths)
    {
        var path = FileLine().Match(message) is { Success: true } file ? file.Groups[1].Value.Trim() : null;
        var name = (path is not null && readPaths.TryGetValue(path, out var read) ? read.Name : null)
                   ?? files.FirstOrDefault(f => f.LocalPath == path)?.Name ?? path ?? "a file";
        var line = LineNumber().Match(message) is { Success: true } number ? $" line {number.Groups[1].Value}" : "";

        // The first paragraph is "… CSV Error on Line: N", "Original Line: <the record>" (which may run over
        // many lines of the file), then the reason on its last line: only the reason is kept, never file text.
        var paragraph = message.Split('\n').Select(l => l.Trim()).TakeWhile(l => l.Length > 0).ToList();
        var quotesRecord = paragraph.Exists(l => l.StartsWith("Original Line:", StringComparison.Ordinal));
        var reason = quotesRecord ? paragraph[^1] : paragraph.FirstOrDefault() ?? message;
        if (reason.StartsWith("Original Line:", StringComparison.Ordinal))
        {
            reason = "the record cannot be parsed";
        }

        return $"cannot parse {name}{line}: {(reason.Length > MaxReasonLength ? reason[..MaxReasonLength] + "…" : reason)}";
    }

    private const int MaxReasonLength = 300;

    [GeneratedRegex(@"^\s*file = (.+)$", RegexOptions.Multiline)]
    private static partial Regex FileLine();

    [GeneratedRegex(@"CSV Error on Line: (\d+)")]
    private static partial Regex LineNumber();
}
