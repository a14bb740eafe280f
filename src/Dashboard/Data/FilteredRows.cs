using System.Collections;

namespace Kpi.Dashboard.Data;

/// <summary>
/// The rows of a shared snapshot that a filter keeps, in the snapshot's order, read in place: a page holds this
/// view, never a copy of the rows, so an open circuit costs the same whatever the size of the data.
/// </summary>
public sealed class FilteredRows<T> : IReadOnlyCollection<T>
{
    private readonly IReadOnlyList<T> _source;
    private readonly Func<T, bool> _keep;

    public FilteredRows(IReadOnlyList<T> source, Func<T, bool> keep)
    {
        _source = source;
        _keep = keep;
        var count = 0;
        for (var i = 0; i < source.Count; i++)
        {
            if (keep(source[i]))
            {
                count++;
            }
        }

        Count = count;
    }

    public int Count { get; }

    /// <summary>The rows read, in place: the snapshot's own list.</summary>
    public IReadOnlyList<T> Source => _source;

    public IEnumerator<T> GetEnumerator()
    {
        for (var i = 0; i < _source.Count; i++)
        {
            if (_keep(_source[i]))
            {
                yield return _source[i];
            }
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
