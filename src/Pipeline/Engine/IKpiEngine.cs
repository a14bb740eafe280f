using Kpi.Pipeline.Sources;

namespace Kpi.Pipeline.Engine;

/// <summary>
/// An engine that computes the KPIs; registered under its name and chosen by the run's <c>--engine</c>.
/// Engines hold no state of a run: each run opens its own session.
/// </summary>
internal interface IKpiEngine
{
    string Name { get; }

    /// <summary>Whether the engine reads local copies of the files (true) or their locations (false, e.g. a cluster reading S3).</summary>
    bool ReadsLocalFiles { get; }

    /// <summary>Starts one run over the given input.</summary>
    IKpiSession OpenSession(InputSet input);
}
