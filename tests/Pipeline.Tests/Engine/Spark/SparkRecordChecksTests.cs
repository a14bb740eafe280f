using Kpi.Pipeline.Contract;
using Kpi.Pipeline.Engine.DuckDb;
using Kpi.Pipeline.Engine.Spark;

namespace Kpi.Pipeline.Tests.Engine.Spark;

/// <summary>
/// How the Spark engine enforces what DuckDB's CSV reader enforces by failing (the 1 MB record cap, UTF-8),
/// where the two differ: Spark counts the UTF-8 bytes of the record's fields, and refuses any U+FFFD.
/// </summary>
public sealed class SparkRecordChecksTests(SparkConnectTestServer server) : IClassFixture<SparkConnectTestServer>
{
    private const string Items = "id,order_id,product_id,status,created_at,sale_price\n1,1,1,delivered,2024-03-20T09:00:00,10\n";

    /// <summary>1 + 10 + the timestamp are 22 bytes; 333,326 euro signs of 3 bytes each fill the rest of 1,000,000.</summary>
    [Theory]
    [InlineData("", true)]
    [InlineData("x", false)]
    public async Task The_cap_counts_the_utf8_bytes_of_the_fields_not_their_characters(string onePastTheCap, bool passes)
    {
        var note = new string('€', 333_326) + onePastTheCap;
        using var folder = Fixture.Write($"order_id,user_id,created_at,note\n1,10,2024-03-20T09:00:00,{note}\n", Items);

        var run = EngineHarness.RunAsync(Spark, folder.Path);

        if (passes)
        {
            Assert.Equal(1L, (await run).Report.Tables.Single(t => t.Table == "orders").RowsRead);
        }
        else
        {
            var error = await Assert.ThrowsAsync<InputException>(() => run);
            Assert.Equal($"Table orders: cannot parse {Path.Combine(folder.Path, "orders", "orders_part1.csv")} line 2: {InputRules.RecordTooLongReason}", error.Message);
        }
    }

    [Fact]
    public async Task A_replacement_character_written_in_valid_utf8_is_refused_on_spark_and_read_by_duckdb()
    {
        using var folder = Fixture.Write("order_id,user_id,created_at,note\n1,10,2024-03-20T09:00:00,ok\n2,10,2024-03-20T09:00:00,caf\uFFFD\n", Items);

        var error = await Assert.ThrowsAsync<InputException>(() => EngineHarness.RunAsync(Spark, folder.Path));
        var (duck, _) = await EngineHarness.RunAsync(new DuckDbEngine(), folder.Path);

        Assert.Equal($"Table orders: cannot parse {Path.Combine(folder.Path, "orders", "orders_part1.csv")} line 3: {SparkSession.NotUtf8Reason}", error.Message);
        Assert.Equal(2L, duck.Tables.Single(t => t.Table == "orders").RowsRead);
    }

    private SparkConnectEngine Spark => new(server.ParsedRemote, TimeSpan.FromMinutes(1));
}
