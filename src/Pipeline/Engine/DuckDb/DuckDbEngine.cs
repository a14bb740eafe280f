using Kpi.Pipeline.Sources;

namespace Kpi.Pipeline.Engine.DuckDb;

/// <summary>The embedded engine: each run gets its own in-memory DuckDB database.</summary>
internal sealed class DuckDbEngine : IKpiEngine
{
    public const string EngineName = "duckdb";

    public string Name => EngineName;

    public bool ReadsLocalFiles => true;

    public IKpiSession OpenSession(InputSet input) => new DuckDbSession(input);
}
