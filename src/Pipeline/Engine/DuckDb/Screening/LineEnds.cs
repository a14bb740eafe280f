using System.Globalization;
using Kpi.Pipeline.Contract;
using Kpi.Pipeline.Sources;

namespace Kpi.Pipeline.Engine.DuckDb.Screening;

/// <summary>
/// The contract's line ends are LF and CRLF. Outside quotes, DuckDB's reader takes a carriage return that no line
/// feed follows as the end of a record and reads the record after it without its first value (DuckDB 1.5: in
/// <c>1,10,…\r2,11,…\r\n</c> the second order_id came back NULL). Neither path can read such a file as written, so
/// the run fails naming the file and the line. Inside a quoted field a carriage return is text, as RFC 4180 has it.
/// </summary>
internal static class LineEnds
{
    /// <summary>What is wrong with a carriage return that no line feed follows, in screening's log and in the run's error.</summary>
    public const string LoneCarriageReturn = "a carriage return without a line feed after it (lines end in LF or CRLF)";

    /// <summary>Fails the run if a file holds a carriage return outside quotes that no line feed follows.</summary>
    public static void RequireLfOrCrlf(InputTable table, IEnumerable<InputFile> files, CancellationToken cancellationToken)
    {
        foreach (var file in files)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (MayHoldLoneCarriageReturn(file.LocalPath!) && FindLoneCarriageReturn(file.LocalPath!) is { } line)
            {
                throw new InputException(string.Create(
                    CultureInfo.InvariantCulture,
                    $"Table {table.Name}: cannot parse {file.Name} line {line}: {LoneCarriageReturn}"));
            }
        }
    }

    /// <summary>The vectorised look first (<see cref="ByteWatch"/>): almost every file has no carriage return alone.</summary>
    private static bool MayHoldLoneCarriageReturn(string path)
    {
        using var watch = new ByteWatch(path);
        watch.CopyTo(Stream.Null);
        return watch.LoneCarriageReturn;
    }

    /// <summary>
    /// The physical line (LF-separated, from 1) of the first carriage return outside quoted fields that no line
    /// feed follows. A quote opens a quoted field only at the start of a field, as RFC 4180 has it; elsewhere it is
    /// text (<c>12" screen</c>). In a quoted field two quotes are one; a quote then anything else closes it.
    /// </summary>
    internal static long? FindLoneCarriageReturn(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1 << 16);
        long line = 1;
        bool fieldStart = true, quoted = false, quoteInQuoted = false;
        long? carriageReturnLine = null;
        for (var next = stream.ReadByte(); next >= 0; next = stream.ReadByte())
        {
            if (carriageReturnLine is { } at && next != '\n')
            {
                return at;
            }

            carriageReturnLine = null;
            if (quoted)
            {
                if (quoteInQuoted)
                {
                    quoteInQuoted = false;
                    quoted = next == '"';
                }
                else
                {
                    quoteInQuoted = next == '"';
                    line += next == '\n' ? 1 : 0;
                }

                if (quoted)
                {
                    continue;
                }
            }

            switch (next)
            {
                case '"' when fieldStart:
                    (quoted, fieldStart) = (true, false);
                    break;
                case ',':
                    fieldStart = true;
                    break;
                case '\r':
                    (carriageReturnLine, fieldStart) = (line, false);
                    break;
                case '\n':
                    (line, fieldStart) = (line + 1, true);
                    break;
                default:
                    fieldStart = false;
                    break;
            }
        }

        return carriageReturnLine;
    }
}
