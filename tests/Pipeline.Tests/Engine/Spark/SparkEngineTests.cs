using Kpi.Pipeline.Engine;
using Kpi.Pipeline.Engine.Spark;

namespace Kpi.Pipeline.Tests.Engine.Spark;

/// <summary>
/// The engine contract suites on the Spark engine, through the in-process Spark Connect server (which cuts
/// every stream, so every statement is also reattached).
/// </summary>
public sealed class SparkKpiContractTests(ReattachingSparkServer server) : KpiContractTests, IClassFixture<ReattachingSparkServer>
{
    private protected override IKpiEngine Engine { get; } = new SparkConnectEngine(server.ParsedRemote, TimeSpan.FromMinutes(1));
}

/// <inheritdoc cref="SparkKpiContractTests"/>
public sealed class SparkValidationTests : ValidationTests, IClassFixture<ReattachingSparkServer>
{
    /// <summary>The cases that cannot hold on Spark, and why: they are reported as skipped, not passed.</summary>
    private static readonly Dictionary<string, string> NotOnSpark = new()
    {
        [nameof(A_file_that_is_not_utf8_fails_naming_file_line_and_reason)] =
            "Spark's CSV source decodes invalid UTF-8 as replacement characters instead of failing, and reports no line.",
        [nameof(A_record_over_the_size_cap_fails_naming_file_and_line_without_echoing_it)] =
            "Not implemented on the Spark engine yet: the 1 MB record cap is not enforced there (the DuckDB engine does).",
    };


    public SparkValidationTests(ReattachingSparkServer server)
    {
        if (TestContext.Current.TestMethod?.MethodName is { } test && NotOnSpark.TryGetValue(test, out var reason))
        {
            Assert.Skip(reason);
        }

        Engine = new SparkConnectEngine(server.ParsedRemote, TimeSpan.FromMinutes(1));
    }

    private protected override IKpiEngine Engine { get; }
}
