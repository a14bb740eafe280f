using Plotly.Blazor;

namespace Kpi.Dashboard.Data.Charts;

/// <summary>
/// One chart as plotly.js draws it: its traces and layout, and for charts with a point per category the
/// category of each point, in point order (a click reports the point's index).
/// </summary>
public sealed record ChartFigure(IList<ITrace> Data, Layout Layout, IReadOnlyList<string> Categories)
{
    /// <summary>The category of the clicked point, if the chart has one per point.</summary>
    public string? CategoryAt(int pointIndex) => pointIndex >= 0 && pointIndex < Categories.Count ? Categories[pointIndex] : null;
}

/// <summary>The five visuals of the page, built from one <see cref="DashboardFigures"/>.</summary>
public sealed record DashboardCharts(
    ChartFigure OrderValueBars,
    ChartFigure RevenueDonut,
    ChartFigure RevenueBars,
    ChartFigure RevenueAndItems,
    ChartFigure ReturnRateAndCustomers);
