using System.Numerics;
using System.Runtime.InteropServices;

namespace Kpi.Pipeline.Engine.DuckDb.Screening;

/// <summary>
/// A read-only file stream that notes, as the bytes go by, whether any is a quote and how the lines end. Sep ends
/// a record at a line feed, a carriage return or both outside quotes, so until a quote is read every record it
/// has parsed is one line without quotes, and screening need not look for them record by record. DuckDB's typed
/// reader takes one kind of line end per file: a file with a carriage return that no line feed follows, or with
/// both LF and CRLF line ends, is not plain (the careful path reads it record by record).
/// </summary>
internal sealed class ByteWatch(string path) : Stream
{
    private readonly FileStream _file = new(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 0);

    /// <summary>The last byte read was a carriage return: the next read says whether a line feed follows it.</summary>
    private bool _carriageReturnLast;
    private bool _crlf;
    private bool _bareLineFeed;

    /// <summary>True once a quote has been read.</summary>
    public bool Quoted { get; private set; }

    /// <summary>True once a carriage return has been read that no line feed follows (also at the end of the file).</summary>
    public bool LoneCarriageReturn { get; private set; }

    /// <summary>
    /// True once both a CRLF and a line feed without a carriage return before it have been read. Line ends are no
    /// longer followed once a lone carriage return is found (what <see cref="CsvSyntax"/> looks for next).
    /// </summary>
    public bool MixedLineEnds => _crlf && _bareLineFeed;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => _file.Length;

    public override long Position { get => _file.Position; set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        if (buffer.IsEmpty)
        {
            return 0;
        }

        var read = _file.Read(buffer);
        Watch(buffer[..read]);
        return read;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _file.Dispose();
        }

        base.Dispose(disposing);
    }

    private void Watch(ReadOnlySpan<byte> bytes)
    {
        if (bytes.IsEmpty)
        {
            // The end of the file.
            LoneCarriageReturn |= _carriageReturnLast;
            _carriageReturnLast = false;
            return;
        }

        Quoted = Quoted || bytes.Contains((byte)'"');
        if (LoneCarriageReturn)
        {
            return;
        }

        // The pair across the boundary (the last byte before this block, the first of it), then the pairs inside.
        var lineFeedFirst = bytes[0] == (byte)'\n';
        var (lone, crlf, bare) = ScanPairs(bytes);
        LoneCarriageReturn = lone || (_carriageReturnLast && !lineFeedFirst);
        _crlf = _crlf || crlf || (_carriageReturnLast && lineFeedFirst);
        _bareLineFeed = _bareLineFeed || bare || (!_carriageReturnLast && lineFeedFirst);
        _carriageReturnLast = bytes[^1] == (byte)'\r';
    }

    /// <summary>
    /// Over every two adjacent bytes: is there a carriage return that no line feed follows, a CRLF, a line feed that
    /// no carriage return precedes. Vectorised (as wide as the CPU's vectors) unless told not to, for the tests: a
    /// block's masks are gathered and looked at once, at its end; the last bytes one by one.
    /// </summary>
    internal static (bool Lone, bool Crlf, bool Bare) ScanPairs(ReadOnlySpan<byte> bytes, bool vectorised = true)
    {
        ref var start = ref MemoryMarshal.GetReference(bytes);
        var i = 0;
        bool lone = false, crlf = false, bare = false;
        if (vectorised && Vector.IsHardwareAccelerated)
        {
            var (cr, lf) = (new Vector<byte>((byte)'\r'), new Vector<byte>((byte)'\n'));
            var (loneMask, crlfMask, bareMask) = (Vector<byte>.Zero, Vector<byte>.Zero, Vector<byte>.Zero);
            for (; i + Vector<byte>.Count < bytes.Length; i += Vector<byte>.Count)
            {
                var isCr = Vector.Equals(Vector.LoadUnsafe(ref start, (nuint)i), cr);
                var isLf = Vector.Equals(Vector.LoadUnsafe(ref start, (nuint)i + 1), lf);
                loneMask |= Vector.AndNot(isCr, isLf);
                crlfMask |= isCr & isLf;
                bareMask |= Vector.AndNot(isLf, isCr);
            }

            (lone, crlf, bare) = (loneMask != Vector<byte>.Zero, crlfMask != Vector<byte>.Zero, bareMask != Vector<byte>.Zero);
        }

        for (; i < bytes.Length - 1; i++)
        {
            var (isCr, isLf) = (bytes[i] == (byte)'\r', bytes[i + 1] == (byte)'\n');
            lone |= isCr && !isLf;
            crlf |= isCr && isLf;
            bare |= isLf && !isCr;
        }

        return (lone, crlf, bare);
    }
}
