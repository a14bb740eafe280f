namespace Kpi.Pipeline.Engine.DuckDb.Screening;

/// <summary>
/// A read-only file stream that notes whether any byte read so far is a quote or a carriage return. Until one
/// is, every record the CSV reader has parsed is one line without quotes, so screening need not look for them
/// record by record (a vectorised scan of each 64 KB block instead of one per record).
/// </summary>
internal sealed class QuoteWatch(string path) : Stream
{
    private readonly FileStream _file = new(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 0);

    /// <summary>True once a quote or a carriage return has been read.</summary>
    public bool Seen { get; private set; }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => _file.Length;

    public override long Position { get => _file.Position; set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var read = _file.Read(buffer);
        Seen = Seen || buffer[..read].IndexOfAny((byte)'"', (byte)'\r') >= 0;
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
}
