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
public sealed class SparkValidationTests(ReattachingSparkServer server) : ValidationTests, IClassFixture<ReattachingSparkServer>
{
    private protected override IKpiEngine Engine { get; } = new SparkConnectEngine(server.ParsedRemote, TimeSpan.FromMinutes(1));
}
