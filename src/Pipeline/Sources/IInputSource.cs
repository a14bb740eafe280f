namespace Kpi.Pipeline.Sources;

/// <summary>Where the CSV files come from. Disposing removes anything the source staged locally.</summary>
internal interface IInputSource : IAsyncDisposable
{
    /// <summary>Finds every table's part files and makes them readable on local disk.</summary>
    Task<InputSet> DiscoverAsync(CancellationToken cancellationToken);
}
