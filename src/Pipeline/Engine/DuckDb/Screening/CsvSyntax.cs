using System.Globalization;
using Kpi.Pipeline.Contract;
using Kpi.Pipeline.Sources;

namespace Kpi.Pipeline.Engine.DuckDb.Screening;

/// <summary>
/// Three things RFC 4180 does not allow that the careful path's reader (DuckDB, lenient so that it can reject rows
/// one by one) would read as something else, silently. Neither path can read such a file as written, so the run
/// fails naming the file, the line and, for a quote, the column.
/// <list type="bullet">
/// <item>A carriage return outside quotes that no line feed follows: DuckDB takes it as the end of a record and
/// reads the record after it without its first value (DuckDB 1.5: in <c>1,10,…\r2,11,…\r\n</c> the second
/// order_id came back NULL).</item>
/// <item>Text after the closing quote of a quoted field: DuckDB drops it (<c>"5"3</c> was read as <c>5</c>,
/// <c>"a"b"c"</c> as <c>abc</c>). Spaces before the next comma or line end are allowed: values are trimmed.</item>
/// <item>A quoted field still open at the end of the file: DuckDB ends the field there, so the lines it swallowed
/// were lost without a trace when they were fewer than <see cref="InputRules.MaxRecordLines"/> (a quote left open
/// and closed later, further down, still counts every line it swallows as a rejected row).</item>
/// </list>
/// A quote opens a quoted field where DuckDB 1.5's reader opens one: at the start of a field (after a UTF-8 byte
/// order mark, for the first) or after one space there (<c> "5,6"</c> is <c>5,6</c>, while <c>  "5,6"</c>, after
/// two spaces, is two fields). A quote elsewhere, which RFC 4180 does not allow, is text (<c>12" screen</c>), as
/// DuckDB reads it. In a quoted field two quotes are one, and a carriage return is text.
/// </summary>
internal static class CsvSyntax
{
    /// <summary>What is wrong with a carriage return that no line feed follows, in screening's log and in the run's error.</summary>
    public const string LoneCarriageReturn = "a carriage return without a line feed after it (lines end in LF or CRLF)";

    public const string TextAfterClosingQuote =
        "text after the closing quote of a quoted field (a quoted field ends at its closing quote; a quote inside it is written as two)";

    public const string UnclosedQuote = "a quoted field opens here and is never closed (the file ends inside it)";

    private const int BlockBytes = 1 << 16;

    /// <summary>Fails the run at the first file that holds any of the three.</summary>
    public static void RequireReadable(InputTable table, IEnumerable<FileScreen> files, CancellationToken cancellationToken)
    {
        byte[]? block = null;
        foreach (var screen in files)
        {
            cancellationToken.ThrowIfCancellationRequested();
            using var stream = new FileStream(screen.File.LocalPath!, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 0);
            if (FindError(stream, block ??= new byte[BlockBytes]) is { } error)
            {
                var where = error.Field is { } field ? $", {Column(screen.Layout, field)}" : "";
                throw new InputException(string.Create(
                    CultureInfo.InvariantCulture,
                    $"Table {table.Name}: cannot parse {screen.File.Name} line {error.Line}{where}: {error.Problem}"));
            }
        }
    }

    /// <summary>
    /// The first problem in the stream, read in blocks the size of <paramref name="block"/>: its physical line
    /// (LF-separated, from 1), the field of a quote's problem (from 0) and what it is; null when there is none.
    /// </summary>
    internal static SyntaxError? FindError(Stream stream, byte[] block)
    {
        var scan = new Scan();
        for (var read = stream.Read(block); read > 0; read = stream.Read(block))
        {
            if (scan.Next(block.AsSpan(0, read)) is { } error)
            {
                return error;
            }
        }

        return scan.CarriageReturnPending ? new SyntaxError(scan.Line, null, LoneCarriageReturn) : scan.Unclosed;
    }

    /// <summary>A required column by its name, any other by its place in the header (from 1).</summary>
    private static string Column(HeaderLayout layout, int field) =>
        layout.Positions.FirstOrDefault(pair => pair.Value == field).Key is { } name
            ? $"column {name}"
            : string.Create(CultureInfo.InvariantCulture, $"field {field + 1}");

    /// <summary>
    /// The scan's state between blocks. Outside quotes it jumps from quote to carriage return (vectorised
    /// searches), counting the line feeds and commas it passes; inside quotes, from quote to quote.
    /// </summary>
    private struct Scan()
    {
        private static ReadOnlySpan<byte> ByteOrderMark => [0xEF, 0xBB, 0xBF];

        /// <summary>How much of a UTF-8 byte order mark the stream has begun with; -1 once past the start.</summary>
        private int _byteOrderMark;
        private bool _quoted;
        private bool _quoteInQuoted;
        private bool _closed;

        /// <summary>What the field has held so far outside quotes: nothing (0), one space (1), or more (2).</summary>
        private int _lead;

        /// <summary>Where the quoted field last opened began: its line and field.</summary>
        private (long Line, int Field) _opened;

        public long Line { get; private set; } = 1;

        public int Field { get; private set; }

        public bool CarriageReturnPending { get; private set; }

        /// <summary>At the end of the stream: a quoted field still open there, named where it opened.</summary>
        public readonly SyntaxError? Unclosed => _quoted && !_quoteInQuoted ? new SyntaxError(_opened.Line, _opened.Field, UnclosedQuote) : null;

        public SyntaxError? Next(ReadOnlySpan<byte> bytes)
        {
            var i = 0;
            while (i < bytes.Length)
            {
                if (_byteOrderMark >= 0)
                {
                    // A byte order mark is no text: the header's first field starts after it. Part of one is text.
                    if (bytes[i] == ByteOrderMark[_byteOrderMark])
                    {
                        (_byteOrderMark, i) = (_byteOrderMark == 2 ? -1 : _byteOrderMark + 1, i + 1);
                        continue;
                    }

                    _lead = _byteOrderMark > 0 ? 2 : _lead;
                    _byteOrderMark = -1;
                }

                if (CarriageReturnPending)
                {
                    if (bytes[i] != '\n')
                    {
                        return new SyntaxError(Line, null, LoneCarriageReturn);
                    }

                    CarriageReturnPending = false;
                }

                if (_quoteInQuoted)
                {
                    // Two quotes are one quote of the field's text; a quote then anything else closed the field.
                    _quoteInQuoted = false;
                    if (bytes[i] == '"')
                    {
                        i++;
                        continue;
                    }

                    (_quoted, _closed) = (false, true);
                }

                if (_quoted)
                {
                    var quote = bytes[i..].IndexOf((byte)'"');
                    var text = quote < 0 ? bytes[i..] : bytes.Slice(i, quote);
                    Line += text.Count((byte)'\n');
                    if (quote < 0)
                    {
                        return null;
                    }

                    (i, _quoteInQuoted) = (i + quote + 1, true);
                    continue;
                }

                if (_closed)
                {
                    if (bytes[i] == ' ')
                    {
                        i++;
                        continue;
                    }

                    if (bytes[i] is not ((byte)',' or (byte)'\r' or (byte)'\n'))
                    {
                        return new SyntaxError(Line, Field, TextAfterClosingQuote);
                    }

                    _closed = false;
                }

                var next = bytes[i..].IndexOfAny((byte)'"', (byte)'\r');
                Pass(next < 0 ? bytes[i..] : bytes.Slice(i, next));
                if (next < 0)
                {
                    return null;
                }

                i += next;
                if (bytes[i] == '\r')
                {
                    CarriageReturnPending = true;
                }
                else if (_lead < 2)
                {
                    (_quoted, _opened) = (true, (Line, Field));
                }

                (_lead, i) = (2, i + 1);
            }

            return null;
        }

        /// <summary>Unquoted bytes with no quote or carriage return: the lines and fields they end.</summary>
        private void Pass(ReadOnlySpan<byte> plain)
        {
            if (plain.IsEmpty)
            {
                return;
            }

            var lastLineFeed = plain.LastIndexOf((byte)'\n');
            if (lastLineFeed < 0)
            {
                Field += plain.Count((byte)',');
            }
            else
            {
                Line += plain.Count((byte)'\n');
                Field = plain[(lastLineFeed + 1)..].Count((byte)',');
            }

            var fieldStart = plain.LastIndexOfAny((byte)',', (byte)'\n');
            var lead = plain[(fieldStart + 1)..];
            _lead = fieldStart < 0 && _lead > 0 ? 2 : lead.IsEmpty ? 0 : lead is [(byte)' '] ? 1 : 2;
        }
    }
}

/// <summary>A problem <see cref="CsvSyntax"/> found: its physical line (from 1), a quote's field (from 0), and what it is.</summary>
internal readonly record struct SyntaxError(long Line, int? Field, string Problem);
