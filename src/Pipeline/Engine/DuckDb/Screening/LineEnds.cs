using Kpi.Pipeline.Contract;
using Kpi.Pipeline.Sources;

namespace Kpi.Pipeline.Engine.DuckDb.Screening;

/// <summary>
/// The contract's line ends are LF and CRLF. Outside quotes, DuckDB's reader takes a carriage return that no line
/// feed follows as the end of a record and reads the record after it without its first value (DuckDB 1.5: in
/// <c>1,10,…\r2,11,…\r\n</c> the second order_id came back NULL). Neither path can read such a file as written, so
/// the run fails naming the file and the line. Inside quotes a carriage return is a field's text, as RFC 4180 has it.
/// </summary>
internal static class LineEnds
{
    /// <summary>Fails the run if the file holds a carriage return outside quotes that no line feed follows.</summary>
    public static void RequireLfOrCrlf(InputTable table, InputFile file)
    {
        using (var watch = new ByteWatch(file.LocalPath!))
        {
            watch.CopyTo(Stream.Null);
            if (!watch.LoneCarriageReturn)
            {
                return;
            }
        }

        if (FindLoneCarriageReturn(file.LocalPath!) is { } line)
        {
            throw new InputException(
                $"Table {table.Name}: {file.Name} line {line}: a carriage return without a line feed after it (lines end in LF or CRLF).");
        }
    }

    /// <summary>The physical line (LF-separated, from 1) of the first carriage return outside quotes that no line feed follows.</summary>
    internal static long? FindLoneCarriageReturn(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1 << 16);
        long line = 1;
        var quoted = false;
        long? carriageReturnLine = null;
        for (var next = stream.ReadByte(); next >= 0; next = stream.ReadByte())
        {
            if (carriageReturnLine is { } at && next != '\n')
            {
                return at;
            }

            carriageReturnLine = null;
            switch (next)
            {
                case '"':
                    quoted = !quoted;
                    break;
                case '\r' when !quoted:
                    carriageReturnLine = line;
                    break;
                case '\n':
                    line++;
                    break;
            }
        }

        return carriageReturnLine;
    }
}
