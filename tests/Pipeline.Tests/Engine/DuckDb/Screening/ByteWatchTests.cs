using Kpi.Pipeline.Engine.DuckDb.Screening;
using Kpi.TestSupport;

namespace Kpi.Pipeline.Tests.Engine.DuckDb.Screening;

/// <summary>What screening learns from the bytes as they are read, wherever the reads split them.</summary>
public sealed class ByteWatchTests
{
    [Theory]
    [InlineData("a,b\r\nc,d\r\n", false, false, false)]
    [InlineData("a,b\nc,d\n", false, false, false)]
    [InlineData("a,b\nc,d", false, false, false)]
    [InlineData("a,b\rc,d\n", false, true, false)]
    [InlineData("a,b\r\nc,d\r", false, true, false)]
    [InlineData("a,b\r\r\n", false, true, false)]
    [InlineData("\ra,b\n", false, true, false)]
    [InlineData("a,b\r\nc,d\n", false, false, true)]
    [InlineData("a,b\nc,d\r\n", false, false, true)]
    [InlineData("\na,b\r\n", false, false, true)]
    [InlineData("a\r\nb\nc\rd\n", false, true, true)]
    [InlineData("a,\"b\"\r\n", true, false, false)]
    [InlineData("a,\"b\rc\"\n", true, true, false)]
    public void Every_split_into_reads_sees_the_same(string text, bool quoted, bool lone, bool mixed)
    {
        using var folder = new TempFolder();
        var path = folder.Write("file.csv", text);
        for (var split = 0; split <= text.Length; split++)
        {
            var watch = ReadAll(path, split);

            Assert.Equal((quoted, lone, mixed), (watch.Quoted, watch.LoneCarriageReturn, watch.MixedLineEnds));
        }
    }

    // Long enough for the vectorised scan: CRLF every ten bytes, then one carriage return without its line feed.
    [Theory]
    [InlineData(15)]
    [InlineData(16)]
    [InlineData(31)]
    [InlineData(32)]
    [InlineData(33)]
    [InlineData(64)]
    [InlineData(500)]
    [InlineData(997)]
    public void A_lone_carriage_return_is_found_anywhere_in_a_block(int at)
    {
        using var folder = new TempFolder();
        var bytes = CrlfEveryTenBytes();
        var plain = Path.Combine(folder.Path, "plain.csv");
        File.WriteAllBytes(plain, bytes);
        bytes[at] = (byte)'\r';
        bytes[at + 1] = bytes[at + 1] == '\n' ? (byte)'x' : bytes[at + 1];
        var lone = Path.Combine(folder.Path, "lone.csv");
        File.WriteAllBytes(lone, bytes);

        Assert.False(ReadAll(plain, split: 4_096).LoneCarriageReturn);
        Assert.False(ReadAll(plain, split: at + 1).LoneCarriageReturn);
        Assert.True(ReadAll(lone, split: 4_096).LoneCarriageReturn);
        Assert.True(ReadAll(lone, split: at + 1).LoneCarriageReturn);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(31)]
    [InlineData(32)]
    [InlineData(33)]
    [InlineData(500)]
    [InlineData(995)]
    public void A_line_feed_without_its_carriage_return_is_found_anywhere_in_a_crlf_block(int at)
    {
        using var folder = new TempFolder();
        var bytes = CrlfEveryTenBytes();
        bytes[at] = (byte)'\n'; // the byte before it (if any) is not a carriage return
        var mixed = Path.Combine(folder.Path, "mixed.csv");
        File.WriteAllBytes(mixed, bytes);

        Assert.True(ReadAll(mixed, split: 4_096).MixedLineEnds);
        Assert.True(ReadAll(mixed, split: at).MixedLineEnds);
    }

    // The vectorised scan against the definition, over random bytes: runs of every length around the vector size,
    // with carriage returns and line feeds sparse or dense.
    [Fact]
    public void The_vectorised_scan_finds_what_a_look_at_each_pair_finds()
    {
        var random = new Random(7);
        var seen = new HashSet<(bool, bool, bool)>();
        for (var run = 0; run < 5_000; run++)
        {
            var density = random.NextDouble() * 0.3;
            var bytes = Enumerable.Range(0, random.Next(0, 80))
                .Select(_ => random.NextDouble() is var roll && roll < density ? (byte)'\r' : roll < 2 * density ? (byte)'\n' : (byte)'x').ToArray();
            var pairs = bytes.Zip(bytes.Skip(1), (here, next) => (Cr: here == '\r', Lf: next == '\n')).ToList();
            var expected = (pairs.Exists(p => p.Cr && !p.Lf), pairs.Exists(p => p.Cr && p.Lf), pairs.Exists(p => p.Lf && !p.Cr));
            seen.Add(expected);

            Assert.Equal(expected, ByteWatch.ScanPairs(bytes));
            Assert.Equal(expected, ByteWatch.ScanPairs(bytes, vectorised: false));
        }

        Assert.Equal(8, seen.Count);
    }

    /// <summary>A thousand bytes: nine characters and a CRLF, over and over.</summary>
    private static byte[] CrlfEveryTenBytes() =>
        [.. Enumerable.Range(0, 1_000).Select(i => (byte)(i % 10 == 8 ? '\r' : i % 10 == 9 ? '\n' : 'x'))];

    /// <summary>Reads the file to its end: first <paramref name="split"/> bytes, then the rest in blocks of 4 KB.</summary>
    private static ByteWatch ReadAll(string path, int split)
    {
        using var watch = new ByteWatch(path);
        var buffer = new byte[4_096];
        _ = watch.Read(buffer.AsSpan(0, Math.Min(split, buffer.Length)));
        while (watch.Read(buffer) > 0)
        {
        }

        return watch;
    }
}
