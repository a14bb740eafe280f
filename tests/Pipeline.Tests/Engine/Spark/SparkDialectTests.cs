using Kpi.Pipeline.Contract;
using Kpi.Pipeline.Engine.Spark;
using Kpi.Pipeline.Sources;

namespace Kpi.Pipeline.Tests.Engine.Spark;

/// <summary>The few places where Spark SQL differs: literals, full matches, identifiers, file paths.</summary>
public sealed class SparkDialectTests
{
    [Fact]
    public void Literals_escape_backslashes_and_quotes_as_spark_reads_them()
    {
        Assert.Equal(@"'a\\.b\'c'", SparkDialect.Instance.Literal(@"a\.b'c"));
    }

    [Fact]
    public void A_full_match_is_an_anchored_regexp_like()
    {
        Assert.Equal(@"regexp_like(x, '^(?:[0-9]{1,18}\\.)$')", SparkDialect.Instance.FullMatch("x", @"[0-9]{1,18}\."));
    }

    [Fact]
    public void Identifiers_are_backquoted()
    {
        Assert.Equal("`a``b`", SparkDialect.Instance.Identifier("a`b"));
    }

    [Fact]
    public void The_rules_use_only_spark_built_ins()
    {
        var sql = new Kpi.Pipeline.Engine.Sql.ContractSql(SparkDialect.Instance);
        var all = string.Join(" ", InputTable.All.SelectMany(t => t.Columns.Select(sql.RejectReason).Append(sql.CleanColumns(t))));

        Assert.DoesNotContain("regexp_full_match", all);
        Assert.DoesNotContain("strptime", all);
        Assert.DoesNotContain("::", all);
        Assert.Contains("try_to_timestamp(", all);
        Assert.Contains("try_cast(", all);
    }

    [Theory]
    [InlineData("s3://bucket/Data/orders/part-1.csv", "s3a://bucket/Data/orders/part-1.csv")]
    [InlineData("s3://bucket/Data/orders/p[1]{a,b}*?.csv", @"s3a://bucket/Data/orders/p\[1\]\{a,b\}\*\?.csv")]
    public void S3_files_are_handed_to_spark_as_s3a_paths_naming_exactly_the_file(string location, string path)
    {
        Assert.Equal(path, SparkSession.SparkPath(new InputFile(location, new Uri(location), null, 1)));
    }

    [Fact]
    public void A_local_file_is_passed_as_its_absolute_path()
    {
        var full = Path.GetFullPath("orders.csv");

        Assert.Equal(full, SparkSession.SparkPath(new InputFile(full, new Uri(full), full, 1)));
    }
}
