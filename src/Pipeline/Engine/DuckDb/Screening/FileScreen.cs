using System.Runtime.CompilerServices;
using System.Text;
using Kpi.Pipeline.Contract;
using Kpi.Pipeline.Sources;
using nietras.SeparatedValues;

namespace Kpi.Pipeline.Engine.DuckDb.Screening;

/// <summary>
/// What screening found in one file: whether every record is plain (one line, as many fields as the header,
/// quotes only around whole fields, every required value in its <see cref="PlainForms">plain form</see>), how
/// many data records it holds if so, and otherwise the first thing that is not plain. <see cref="Keys"/> is the
/// first and last primary key when the keys rise strictly from record to record (so none repeats in the file).
/// </summary>
internal sealed record FileScreen(InputFile File, HeaderLayout Layout, bool Plain, long Records, string? NotPlainBecause, KeyRange? Keys = null);

/// <summary>The first and last key of a file whose keys rise strictly.</summary>
internal readonly record struct KeyRange(long First, long Last)
{
    /// <summary>
    /// True when no key can occur twice across these files: each file's keys rise strictly, and sorted by their
    /// first key, each file begins after the one before it ends.
    /// </summary>
    public static bool AreDisjoint(IEnumerable<KeyRange?> files)
    {
        var ranges = files.ToList();
        if (ranges.Exists(range => range is null))
        {
            return false;
        }

        var sorted = ranges.Select(range => range!.Value).OrderBy(range => range.First).ToList();
        return sorted.Zip(sorted.Skip(1)).All(pair => pair.Second.First > pair.First.Last);
    }
}

/// <summary>
/// The fast path's test of a whole file, in one streaming pass (Sep, strict UTF-8). A plain file is read by
/// DuckDB's typed, parallel CSV reader; any other takes the careful path, which applies every rule of the
/// contract and names each rejected row's line. Screening decides only which path a file takes, never whether
/// a row is valid.
/// </summary>
internal static class FileScreening
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private static readonly SepReaderOptions Csv = Sep.New(',').Reader(options => options with { HasHeader = false, DisableColCountCheck = true });

    /// <summary>Screens a table's files, in parallel over files; the screens in the files' order.</summary>
    public static FileScreen[] ScreenAll(InputTable table, IReadOnlyList<(InputFile File, HeaderLayout Layout)> files, CancellationToken cancellationToken)
    {
        var screens = new FileScreen[files.Count];
        Parallel.For(
            0,
            files.Count,
            new ParallelOptions { CancellationToken = cancellationToken, MaxDegreeOfParallelism = Environment.ProcessorCount },
            i => screens[i] = Screen(table, files[i].File, files[i].Layout, cancellationToken));
        return screens;
    }

    /// <summary>
    /// Screens one file. On the JIT (tests, and runs from a build) it is optimised from the first call: the loop
    /// runs once per file, too few calls to tier up. The published executable is compiled ahead of time.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static FileScreen Screen(InputTable table, InputFile file, HeaderLayout layout, CancellationToken cancellationToken)
    {
        var checks = table.Columns.Where(column => column.Kind != ValueKind.Any)
            .Select(column => new FieldCheck(column, layout.Positions[column.Name])).ToArray();
        var keyIndex = layout.Positions[table.Key];
        FileScreen NotPlain(string because) => new(file, layout, Plain: false, 0, because);
        try
        {
            using var bytes = new ByteWatch(file.LocalPath!);
            using var text = new StreamReader(bytes, StrictUtf8, detectEncodingFromByteOrderMarks: false, bufferSize: 1 << 16);
            using var reader = Csv.From(text);
            long records = -1;
            long firstKey = 0, lastKey = 0;
            var rising = true;
            foreach (var row in reader)
            {
                // As many fields as the header (a blank line has one); a record over several lines holds a line feed.
                if (row.ColCount != layout.ColumnCount)
                {
                    return NotPlain($"line {records + 2}: {row.ColCount} fields, the header has {layout.ColumnCount}");
                }

                if (bytes.Quoted && row.Span.IndexOfAny('"', '\r', '\n') >= 0 && !QuotesArePlain(row))
                {
                    return NotPlain($"line {records + 2}: a quote inside a field, a carriage return or a record over several lines");
                }

                if (records >= 0)
                {
                    foreach (var check in checks)
                    {
                        if (!PlainForms.IsPlain(check.Kind, check.MaxBytes, Unquoted(row[check.Index].Span)))
                        {
                            return NotPlain($"line {records + 2}: {check.Column.Name} is not in its plain form");
                        }
                    }

                    // The key has just been found plain: at most 18 digits, so it fits a long.
                    if (rising)
                    {
                        var key = PlainForms.IntegerValue(Unquoted(row[keyIndex].Span));
                        rising = records == 0 || key > lastKey;
                        firstKey = records == 0 ? key : firstKey;
                        lastKey = key;
                    }
                }

                if ((++records & 0xFFFF) == 0)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                }
            }

            // The reads run ahead of the records in blocks: the line ends of the whole file are known only here.
            return bytes.LoneCarriageReturn ? NotPlain(CsvSyntax.LoneCarriageReturn)
                : bytes.MixedLineEnds ? NotPlain("both LF and CRLF line ends (DuckDB's typed reader takes one kind per file)")
                : new FileScreen(file, layout, Plain: true, Math.Max(records, 0), null, rising && records > 0 ? new KeyRange(firstKey, lastKey) : null);
        }
        catch (DecoderFallbackException)
        {
            return NotPlain("not valid UTF-8");
        }
        catch (NotSupportedException ex)
        {
            // Sep's buffer holds at most 16 MB of a record (a quote never closed in a big file, no line break):
            // far past the contract's 1 MB, which the careful path enforces naming the file and line.
            return NotPlain($"a record longer than screening reads: {ex.Message}");
        }
    }

    /// <summary>A quote may only open and close a whole field, with no quote, carriage return or line feed inside.</summary>
    private static bool QuotesArePlain(SepReader.Row row)
    {
        if (row.Span.IndexOfAny('\r', '\n') >= 0)
        {
            return false;
        }

        for (var i = 0; i < row.ColCount; i++)
        {
            var field = row[i].Span;
            if (field.Contains('"') && !(field.Length >= 2 && field[0] == '"' && field[^1] == '"' && !field[1..^1].Contains('"')))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>A column to check, with what the check needs at hand (read for every value of the file).</summary>
    private readonly record struct FieldCheck(InputColumn Column, int Index)
    {
        public ValueKind Kind { get; } = Column.Kind;

        public int? MaxBytes { get; } = Column.MaxBytes;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ReadOnlySpan<char> Unquoted(ReadOnlySpan<char> field) =>
        field.Length >= 2 && field[0] == '"' && field[^1] == '"' ? field[1..^1] : field;
}
