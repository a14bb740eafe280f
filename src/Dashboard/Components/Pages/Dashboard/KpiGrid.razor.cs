using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;
using MudBlazor;

namespace Kpi.Dashboard.Components.Pages.Dashboard;

public sealed partial class KpiGrid<T>
{
    private MudDataGrid<T>? _grid;
    private IReadOnlyCollection<T>? _loaded;
    private string? _search;

    [Parameter, EditorRequired] public string Title { get; set; } = "";

    [Parameter] public string? Caption { get; set; }

    /// <summary>The rows the page's filters keep, in their default order: read a page at a time, never copied.</summary>
    [Parameter, EditorRequired] public IReadOnlyCollection<T> Rows { get; set; } = [];

    /// <summary>The grid's columns.</summary>
    [Parameter, EditorRequired] public RenderFragment Columns { get; set; } = null!;

    /// <summary>The text of a row that the search box searches.</summary>
    [Parameter, EditorRequired] public Func<T, string> SearchText { get; set; } = _ => "";

    /// <summary>Turns the rows into CSV.</summary>
    [Parameter, EditorRequired] public Func<IEnumerable<T>, string> ToCsv { get; set; } = _ => "";

    /// <summary>The download's name, without extension.</summary>
    [Parameter, EditorRequired] public string FileName { get; set; } = "";

    /// <summary>Every row left by the search, in the grid's sort order, across all pages.</summary>
    public IEnumerable<T> ShownRows => Sorted(Matching(), _grid?.SortDefinitions.Values);

    protected override async Task OnParametersSetAsync()
    {
        // New filters on the page: back to the first page of the new rows (the grid loads its first page itself).
        if (_grid is not null && _loaded is not null && !ReferenceEquals(_loaded, Rows))
        {
            await ReloadAsync();
        }
    }

    private Task<GridData<T>> LoadPageAsync(GridState<T> state, CancellationToken cancellationToken)
    {
        _loaded = Rows;
        var matching = Matching();
        var total = matching is IReadOnlyCollection<T> all ? all.Count : matching.Count();
        var page = Sorted(matching, state.SortDefinitions).Skip(state.Page * state.PageSize).Take(state.PageSize);
        return Task.FromResult(new GridData<T> { Items = [.. page], TotalItems = total });
    }

    private IEnumerable<T> Matching() => string.IsNullOrWhiteSpace(_search)
        ? Rows
        : Rows.Where(row => SearchText(row).Contains(_search.Trim(), StringComparison.OrdinalIgnoreCase));

    private static IEnumerable<T> Sorted(IEnumerable<T> rows, IEnumerable<SortDefinition<T>>? sorts)
    {
        var sort = sorts?.OrderBy(s => s.Index).FirstOrDefault();
        if (sort?.SortFunc is not { } key)
        {
            return rows;
        }

        IComparer<object?> comparer = sort.Comparer ?? Comparer<object?>.Default;
        return sort.Descending ? rows.OrderByDescending(key, comparer) : rows.OrderBy(key, comparer);
    }

    private async Task SearchAsync(string? search)
    {
        _search = search;
        await ReloadAsync();
    }

    private async Task ReloadAsync()
    {
        if (_grid is not null)
        {
            _grid.NavigateTo(Page.First);
            await _grid.ReloadServerData();
        }
    }

    private async Task DownloadAsync() => await JS.InvokeVoidAsync("kpiDownload", $"{FileName}.csv", ToCsv(ShownRows));
}
