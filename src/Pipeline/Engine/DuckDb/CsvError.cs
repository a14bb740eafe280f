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

        // The reason is the text after "Original Line: …" up to the first blank line.
        var lines = message.Split('\n').Select(l => l.Trim()).ToList();
        var start = lines.FindIndex(l => l.StartsWith("Original Line:", StringComparison.Ordinal)) + 1;
        var reason = string.Join(' ', lines.Skip(Math.Max(start, 1)).TakeWhile(l => l.Length > 0));
        return $"cannot parse {name}{line}: {(reason.Length > 0 ? reason : lines[0])}";
    }

    [GeneratedRegex(@"^\s*file = (.+)$", RegexOptions.Multiline)]
    private static partial Regex FileLine();

    [GeneratedRegex(@"CSV Error on Line: (\d+)")]
    private static partial Regex LineNumber();
}
