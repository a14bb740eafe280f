using Kpi.Pipeline.Engine;
using Kpi.Pipeline.Engine.DuckDb;

namespace Kpi.Pipeline.Tests.Engine.DuckDb;

/// <summary>The engine contract suites on the embedded DuckDB engine.</summary>
public sealed class DuckDbKpiContractTests : KpiContractTests
{
    private protected override IKpiEngine Engine { get; } = new DuckDbEngine();
}

/// <inheritdoc cref="DuckDbKpiContractTests"/>
public sealed class DuckDbValidationTests : ValidationTests
{
    private protected override IKpiEngine Engine { get; } = new DuckDbEngine();
}

/// <summary>The same suites with every file on the careful path: what the fast path gives, the careful path gives.</summary>
public sealed class DuckDbCarefulKpiContractTests : KpiContractTests
{
    private protected override IKpiEngine Engine { get; } = new DuckDbEngine { FastPath = false };
}

/// <inheritdoc cref="DuckDbCarefulKpiContractTests"/>
public sealed class DuckDbCarefulValidationTests : ValidationTests
{
    private protected override IKpiEngine Engine { get; } = new DuckDbEngine { FastPath = false };
}
