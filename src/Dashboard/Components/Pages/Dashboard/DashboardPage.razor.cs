using Kpi.Dashboard.Data;
using Kpi.Dashboard.Runs;
using Kpi.Dashboard.Data.Charts;
using Microsoft.AspNetCore.Components;

namespace Kpi.Dashboard.Components.Pages.Dashboard;

/// <summary>
/// The dashboard: takes the shared snapshot, applies the filter from the URL, polls for new runs (and,
/// after an error, for the store to come back), and follows requested runs through the run monitor. It keeps
/// only aggregates of its own (<see cref="DashboardFigures"/>): rows stay in the snapshot every circuit shares.
/// </summary>
public sealed partial class DashboardPage : IDisposable
{
    private const string OrderCaption = "All categories: order KPIs have no category. The date range applies.";
    private static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(15);

    private readonly CancellationTokenSource _disposed = new();
    private KpiReadResult? _result;
    private DashboardFilter _filter = DashboardFilter.All;
    private DashboardFigures? _figures;
    private DashboardCharts? _charts;
    private bool _interactive;
    private IDisposable? _runs;

    [Inject] private KpiReader Reader { get; set; } = null!;

    [Inject] private NavigationManager Navigation { get; set; } = null!;

    [Inject] private RunMonitor Monitor { get; set; } = null!;

    [Inject] private RunNotifier Notifier { get; set; } = null!;

    /// <summary>Selected categories (repeatable); none means all.</summary>
    [SupplyParameterFromQuery(Name = "category")] public string[]? CategoryQuery { get; set; }

    /// <summary>First day shown, yyyy-MM-dd.</summary>
    [SupplyParameterFromQuery(Name = "from")] public string? FromQuery { get; set; }

    /// <summary>Last day shown, yyyy-MM-dd.</summary>
    [SupplyParameterFromQuery(Name = "to")] public string? ToQuery { get; set; }

    /// <summary>The snapshot on screen: the reader's, shared with every other circuit.</summary>
    internal KpiSnapshot? Snapshot => _result?.Snapshot;

    // The figures follow in OnParametersSet, which runs once this completes.
    protected override async Task OnInitializedAsync() => _result = await Reader.CurrentAsync(_disposed.Token);

    protected override void OnParametersSet()
    {
        _filter = DashboardFilter.FromQuery(CategoryQuery, FromQuery, ToQuery);
        Recompute();
    }

    protected override void OnAfterRender(bool firstRender)
    {
        if (firstRender && RendererInfo.IsInteractive)
        {
            _interactive = true;
            _runs = Notifier.Subscribe(OnRunsChangedAsync);
            _ = PollAsync();
            StateHasChanged();
        }
    }

    private void ApplyFilter(DashboardFilter filter) =>
        Navigation.NavigateTo(Navigation.GetUriWithQueryParameters(new Dictionary<string, object?>
        {
            ["category"] = filter.AllCategories ? null : filter.Categories.ToArray(),
            ["from"] = DashboardFilter.FormatDate(filter.From),
            ["to"] = DashboardFilter.FormatDate(filter.To),
        }));

    /// <summary>Cross-filtering: a click on a category's bar or slice selects it; a click on the selected one clears it.</summary>
    private void ToggleCategory(string category) => ApplyFilter(_filter.ToggleCategory(category));

    private async Task RetryAsync()
    {
        _result = await Reader.RefreshAsync(_disposed.Token);
        Recompute();
    }

    private async Task PollAsync()
    {
        using var timer = new PeriodicTimer(PollInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(_disposed.Token))
            {
                var result = await Reader.CurrentAsync(_disposed.Token);
                if (IsNew(result))
                {
                    await ShowAsync(result);
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <summary>
    /// A run started, progressed or finished: the header shows it. After a success the reader already holds the
    /// new figures; until then the figures stay as they are (tables keep their page, charts are not sent again).
    /// </summary>
    private async Task OnRunsChangedAsync()
    {
        var result = await Reader.CurrentAsync(_disposed.Token);
        await ShowAsync(result);
    }

    private bool IsNew(KpiReadResult result) => !ReferenceEquals(result.Snapshot, _result?.Snapshot) || result.Error != _result?.Error;

    private Task ShowAsync(KpiReadResult result) => InvokeAsync(() =>
    {
        if (IsNew(result))
        {
            _result = result;
            Recompute();
        }

        StateHasChanged();
    });

    private void Recompute()
    {
        _figures = _result?.Snapshot is { } snapshot ? DashboardFigures.From(snapshot, _filter) : null;
        _charts = _figures is null ? null : KpiCharts.From(_figures);
    }

    public void Dispose()
    {
        _runs?.Dispose();
        _disposed.Cancel();
        _disposed.Dispose();
    }
}
