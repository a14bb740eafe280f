using Kpi.Pipeline.Sources;
using Kpi.Shared.Runs;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Kpi.Pipeline.Engine.DuckDb;

/// <summary>The embedded engine: each run gets its own in-memory DuckDB database.</summary>
internal sealed class DuckDbEngine(ILogger<DuckDbEngine>? logger = null) : IKpiEngine
{
    public const string EngineName = RunRequest.DefaultEngine;

    public string Name => EngineName;

    public bool ReadsLocalFiles => true;

    /// <summary>
    /// Whether files whose every record is plain take the fast path (a typed, parallel read); false sends every
    /// file through the careful path. Both give the same results: the validation suites run both ways.
    /// </summary>
    public bool FastPath { get; init; } = true;

    public IKpiSession OpenSession(InputSet input) => new DuckDbSession(input, FastPath, logger ?? NullLogger<DuckDbEngine>.Instance);
}
