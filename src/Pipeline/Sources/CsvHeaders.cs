using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;
using Kpi.Pipeline.Contract;

namespace Kpi.Pipeline.Sources;

/// <summary>Reads CSV header rows and record positions with CsvHelper (RFC 4180, BOM and CRLF aware).</summary>
internal static partial class CsvHeaders
{
    private const int MaxNamesShown = 12;

    private const int MaxNameLength = 32;
    private static readonly CsvConfiguration Configuration = new(CultureInfo.InvariantCulture)
    {
        DetectColumnCountChanges = false,
        BadDataFound = null,
        MissingFieldFound = null,
    };

    /// <summary>
    /// The position of each required column in the file's header (names matched trimmed and
    /// case-insensitively), and the number of header columns.
    /// </summary>
    public static HeaderLayout ReadLayout(InputTable table, InputFile file)
    {
        string[] header;
        try
        {
            header = ReadHeader(table, file);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new InputException($"Table {table.Name}: cannot read {file.Name}: {ex.Message}", ex);
        }

        return Layout(table, file, header);
    }

    /// <summary>
    /// The header row's fields (none for an empty file). At most one record's bytes are read, 64 KB first: a file
    /// with no line break, or a link to a device, is never read whole; a longer header fails the run.
    /// </summary>
    private static string[] ReadHeader(InputTable table, InputFile file)
    {
        const int Limit = InputRules.MaxRecordBytes + 1;
        for (var size = 1 << 16; ; size = Math.Min(size * 4, Limit))
        {
            var start = ReadStart(file.LocalPath!, size);

            // A UTF-16 or UTF-32 byte order mark: the header would read, and every row be rejected for its zero bytes.
            if (start is [0xFF, 0xFE, ..] or [0xFE, 0xFF, ..] or [0x00, 0x00, 0xFE, 0xFF, ..])
            {
                throw new InputException($"Table {table.Name}: {file.Name} is UTF-16 or UTF-32 (it begins with that byte order mark); the input must be UTF-8.");
            }

            using var reader = new StreamReader(new MemoryStream(start), detectEncodingFromByteOrderMarks: true);
            using var parser = new CsvParser(reader, Configuration);
            var header = parser.Read() ? parser.Record ?? [] : [];
            if (start.Length < size || parser.RawRecord.EndsWith('\n') || parser.RawRecord.EndsWith('\r'))
            {
                return header;
            }

            if (size == Limit)
            {
                throw new InputException(string.Create(
                    CultureInfo.InvariantCulture,
                    $"Table {table.Name}: cannot parse {file.Name} line 1: the header row is longer than {InputRules.MaxRecordBytes} bytes, the most one record may hold (is it a CSV file?)."));
            }
        }
    }

    /// <summary>The file's first <paramref name="count"/> bytes, or all of a shorter file.</summary>
    private static byte[] ReadStart(string path, int count)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 0);
        var buffer = new byte[count];
        var read = stream.ReadAtLeast(buffer, count, throwOnEndOfStream: false);
        return read == count ? buffer : buffer[..read];
    }

    /// <summary>The layout of a header row read elsewhere (e.g. by a cluster that reads the file itself).</summary>
    public static HeaderLayout Layout(InputTable table, InputFile file, string[] header)
    {
        if (header.Length == 0)
        {
            throw new InputException($"Table {table.Name}: {file.Name} is empty; a header row is required.");
        }

        var names = header.Select(name => name.Trim()).ToArray();
        var positions = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < names.Length; i++)
        {
            positions.TryAdd(names[i], i);
        }

        // A required column named twice is ambiguous: which of the two holds the values?
        var twice = table.RequiredColumns.Where(column => names.Count(name => string.Equals(name, column, StringComparison.OrdinalIgnoreCase)) > 1).ToList();
        if (twice.Count > 0)
        {
            throw new InputException($"Table {table.Name}: {file.Name} names required column(s) {string.Join(", ", twice)} more than once; each must be one column.");
        }

        var missing = table.RequiredColumns.Where(column => !positions.ContainsKey(column)).ToList();
        if (missing.Count > 0)
        {
            throw new InputException(
                $"Table {table.Name}: {file.Name} is missing required column(s) {string.Join(", ", missing)} " +
                $"(columns found: {DescribeFound(names)}).");
        }

        return new HeaderLayout(names.Length, table.RequiredColumns.ToDictionary(column => column, column => positions[column]));
    }

    /// <summary>
    /// The header's column names for an error message, never the file's text: the first few names that look
    /// like column names, each cut short, and how many others there are. (A "CSV" may be a link to any file.)
    /// </summary>
    public static string DescribeFound(IReadOnlyList<string> names)
    {
        var shown = names.Where(name => ColumnName().IsMatch(name)).Take(MaxNamesShown)
            .Select(name => name.Length > MaxNameLength ? name[..MaxNameLength] + "…" : name)
            .ToList();
        var others = names.Count - shown.Count;
        var list = shown.Count > 0 ? string.Join(", ", shown) : "none that looks like a column name";
        return others > 0 ? $"{list} and {others} other(s) not shown" : list;
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"^[\p{L}\p{N}_ .()-]{1,200}$")]
    private static partial System.Text.RegularExpressions.Regex ColumnName();

    /// <summary>
    /// The physical line on which each given data record (1 = first after the header) starts. Blank lines
    /// are skipped, as DuckDB skips them, so record numbers agree with the engine's.
    /// </summary>
    public static Dictionary<long, long> FindLines(string path, IReadOnlyCollection<long> records)
    {
        var wanted = new HashSet<long>(records);
        var lines = new Dictionary<long, long>();
        using var reader = new StreamReader(path, detectEncodingFromByteOrderMarks: true);
        using var parser = new CsvParser(reader, Configuration);
        long record = -1;
        while (lines.Count < wanted.Count && parser.Read())
        {
            record++;
            if (wanted.Contains(record))
            {
                // RawRow is the record's last line; quoted newlines inside it put its first line earlier. A quote
                // left open runs to the end of the file, and then RawRow also counts the file's last line break.
                var raw = parser.RawRecord;
                var openQuote = raw.Count(c => c == '"') % 2 == 1 && raw.EndsWith('\n');
                lines[record] = parser.RawRow - raw.TrimEnd('\r', '\n').Count(c => c == '\n') - (openQuote ? 1 : 0);
            }
        }

        return lines;
    }
}

/// <summary>How many columns a file's header has, and where the required ones are.</summary>
internal sealed record HeaderLayout(int ColumnCount, IReadOnlyDictionary<string, int> Positions);
