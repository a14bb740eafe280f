using System.Text;
using Kpi.Pipeline.Engine.DuckDb.Screening;

namespace Kpi.Pipeline.Tests.Engine.DuckDb.Screening;

/// <summary>
/// The two things the careful path cannot read as written, found wherever the blocks split the bytes. Where a
/// quote opens a quoted field follows DuckDB 1.5's reader, as measured: at a field's start or after one space.
/// </summary>
public sealed class CsvSyntaxTests
{
    private const string Lone = CsvSyntax.LoneCarriageReturn;
    private const string After = CsvSyntax.TextAfterClosingQuote;
    private const string Open = CsvSyntax.UnclosedQuote;

    [Theory]
    [InlineData("a,b\r\nc,d\r\n", 0, null, null)]
    [InlineData("a,b\nc,d", 0, null, null)]
    [InlineData("a,b\rc,d\n", 1, null, Lone)]
    [InlineData("a,b\r\nc,d\r", 2, null, Lone)]
    [InlineData("a,b\r\r\n", 1, null, Lone)]
    [InlineData("a,\"b\rc\"\n", 0, null, null)]
    [InlineData("a\"b,c\rd\n", 1, null, Lone)]
    [InlineData("a,\"5\"3\n", 1, 1, After)]
    [InlineData("a,b,\"5\"3", 1, 2, After)]
    [InlineData("x,\"a\"b\"c\"\n", 1, 1, After)]
    [InlineData("a,\"\"x\n", 1, 1, After)]
    [InlineData("id,a\n1,\"x\ny\"z\n", 3, 1, After)]
    [InlineData("id,a\r\n1,\"x\r\ny\",\"z\" w\r\n", 3, 2, After)]
    [InlineData("a,\"5\" ,c\n", 0, null, null)]
    [InlineData("a,\"5\"  \r\n", 0, null, null)]
    [InlineData("\"a\"\"b\",c\n", 0, null, null)]
    [InlineData("a,\"b\"\"\"\n", 0, null, null)]
    [InlineData("a,12\" screen,\"c\"\n", 0, null, null)]
    [InlineData("a,\"b", 1, 1, Open)]
    [InlineData("id,a\n1,\"x\n2,y\n", 2, 1, Open)]
    [InlineData("id,a\n1, \"x\"\"\n2,y\n", 2, 1, Open)]
    [InlineData("id,a\n1,\"x\"\"\"", 0, null, null)]
    [InlineData("id,a\n1,  \"x\n2,y\n", 0, null, null)]
    [InlineData("\"a\"", 0, null, null)]
    [InlineData("a,\"\",b\n", 0, null, null)]
    [InlineData("\"a\"\rb\n", 1, null, Lone)]
    [InlineData("a, \"5\"3\n", 1, 1, After)]
    [InlineData("a,  \"5\"3\n", 0, null, null)]
    [InlineData("a, \"b\rc\"\n", 0, null, null)]
    [InlineData("a,  \"b\rc\"\n", 1, null, Lone)]
    [InlineData(" \"a\"b,c\n", 1, 0, After)]
    [InlineData("a,\t\"5\"3\n", 0, null, null)]
    [InlineData("\uFEFF\"a\rb\",c\n", 0, null, null)]
    [InlineData("\uFEFF\"a\"b,c\n", 1, 0, After)]
    public void Every_split_into_blocks_finds_the_same(string text, long line, int? field, string? problem)
    {
        var expected = problem is null ? (SyntaxError?)null : new SyntaxError(line, field, problem);
        var bytes = Encoding.UTF8.GetBytes(text);
        for (var block = 1; block <= bytes.Length + 1; block++)
        {
            Assert.Equal(expected, CsvSyntax.FindError(new MemoryStream(bytes), new byte[block]));
        }
    }

    // The start of a byte order mark without the rest is text: a quote after it opens no quoted field.
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void Part_of_a_byte_order_mark_is_text(int markBytes)
    {
        byte[] bytes = [.. new byte[] { 0xEF, 0xBB }[..markBytes], (byte)'"', (byte)'a', (byte)'\r', (byte)'b', (byte)'"', (byte)'\n'];
        for (var block = 1; block <= bytes.Length; block++)
        {
            Assert.Equal(new SyntaxError(1, null, Lone), CsvSyntax.FindError(new MemoryStream(bytes), new byte[block]));
        }
    }

    // Long runs of plain bytes between the rare ones, so that the vectorised searches do the skipping.
    [Fact]
    public void Random_bytes_give_what_the_plain_definition_gives()
    {
        var random = new Random(42);
        const string Rare = ",\"\r\n ";
        for (var round = 0; round < 3_000; round++)
        {
            var density = random.Next(2, 60);
            var bytes = new byte[random.Next(0, 400)];
            for (var i = 0; i < bytes.Length; i++)
            {
                bytes[i] = random.Next(density) == 0 ? (byte)Rare[random.Next(Rare.Length)] : (byte)'a';
            }

            byte[][] starts = [[], [], [0xEF, 0xBB, 0xBF], [0xEF, 0xBB]];
            bytes = [.. starts[random.Next(starts.Length)], .. bytes];
            var expected = Definition(bytes);
            foreach (var block in new[] { 1, 3, 64, 4_096 })
            {
                Assert.True(
                    expected == CsvSyntax.FindError(new MemoryStream(bytes), new byte[block]),
                    $"block {block}: {Encoding.ASCII.GetString(bytes).Replace("\r", "\\r").Replace("\n", "\\n")}");
            }
        }
    }

    /// <summary>The rules byte by byte, as the summary of <see cref="CsvSyntax"/> states them.</summary>
    private static SyntaxError? Definition(byte[] bytes)
    {
        long line = 1, openedLine = 0;
        int field = 0, lead = 0, openedField = 0; // lead: what the field held before: nothing (0), one space (1), more (2)
        bool quoted = false, closed = false;
        for (var i = bytes.AsSpan().StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]) ? 3 : 0; i < bytes.Length; i++)
        {
            var b = bytes[i];
            if (quoted)
            {
                if (b == '"' && i + 1 < bytes.Length && bytes[i + 1] == '"')
                {
                    i++;
                }
                else if (b == '"')
                {
                    (quoted, closed) = (false, true);
                }
                else if (b == '\n')
                {
                    line++;
                }

                continue;
            }

            if (closed && b == ' ')
            {
                continue;
            }

            if (closed && b is not ((byte)',' or (byte)'\r' or (byte)'\n'))
            {
                return new SyntaxError(line, field, CsvSyntax.TextAfterClosingQuote);
            }

            closed = false;
            if (b == '\r' && (i + 1 == bytes.Length || bytes[i + 1] != '\n'))
            {
                return new SyntaxError(line, null, CsvSyntax.LoneCarriageReturn);
            }

            (quoted, lead, field, line) = b switch
            {
                (byte)'"' when lead < 2 => (true, 2, openedField = field, openedLine = line),
                (byte)',' => (false, 0, field + 1, line),
                (byte)'\n' => (false, 0, 0, line + 1),
                (byte)' ' when lead == 0 => (false, 1, field, line),
                _ => (false, 2, field, line),
            };
        }

        return quoted ? new SyntaxError(openedLine, openedField, CsvSyntax.UnclosedQuote) : null;
    }
}
