namespace Kpi.Pipeline.Sources;

/// <summary>Where the CSV files come from. Disposing removes anything the source staged locally.</summary>
internal interface IInputSource : IAsyncDisposable
{
    /// <summary>
    /// Finds every table's part files; with <paramref name="stageLocally"/> (an engine that reads local
    /// files) each also gets a readable copy on local disk.
    /// </summary>
    Task<InputSet> DiscoverAsync(bool stageLocally, CancellationToken cancellationToken);
}
