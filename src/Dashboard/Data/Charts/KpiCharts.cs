using Kpi.Dashboard.Components.Layout;
using Plotly.Blazor;
using Plotly.Blazor.LayoutLib;
using Plotly.Blazor.Traces;
using BarMarker = Plotly.Blazor.Traces.BarLib.Marker;
using BarOrientation = Plotly.Blazor.Traces.BarLib.OrientationEnum;
using ConfigLib = Plotly.Blazor.ConfigLib;
using LegendLib = Plotly.Blazor.LayoutLib.LegendLib;
using PieLib = Plotly.Blazor.Traces.PieLib;
using ScatterLib = Plotly.Blazor.Traces.ScatterLib;
using XAxisLib = Plotly.Blazor.LayoutLib.XAxisLib;
using YAxisLib = Plotly.Blazor.LayoutLib.YAxisLib;

namespace Kpi.Dashboard.Data.Charts;

/// <summary>
/// Every chart of the page as a plotly.js figure: traces, layout, axis assignment and tick labels, built
/// from the page's aggregated figures (category totals; the order series by day, week or month). Names reach
/// plotly.js escaped (<see cref="PlotlyText"/>), and on axes and in the legend cut short; tooltips show the whole
/// name and the exact value, as the cards' tooltips do.
/// </summary>
public static class KpiCharts
{
    public const string OrderValueName = "Sum of avg_order_value";
    public const string RevenueName = "Sum of daily_revenue";
    public const string TotalRevenueName = "Sum of total_revenue";
    public const string ItemsSoldName = "Sum of total_items_sold";
    public const string ReturnRateName = "Sum of return_rate";
    public const string AverageReturnRateName = "Average of return_rate";
    public const string CustomersName = "Sum of unique_customers";

    private const string FontFamily = "Roboto, Helvetica, Arial, sans-serif";
    private const int FontSize = 12;

    // Axis titles keep this distance from the tick labels (plotly.js otherwise lets long category names overlap them).
    private const int TitleStandoff = 8;

    /// <summary>No mode bar, no logo, no zooming; the chart follows its container's size.</summary>
    public static Config Config => new()
    {
        DisplayModeBar = ConfigLib.DisplayModeBarEnum.False,
        DisplayLogo = false,
        Responsive = true,
        ShowTips = false,
        DoubleClick = ConfigLib.DoubleClickEnum.False,
    };

    public static DashboardCharts From(DashboardFigures figures) => new(
        OrderValueBars(figures.ByOrderValue),
        RevenueDonut(figures.ByRevenue),
        RevenueBars(figures.ByRevenue),
        RevenueAndItems(figures.Orders),
        ReturnRateAndCustomers(figures.Orders));

    /// <summary>Sum of avg_order_value by category: vertical bars, largest first.</summary>
    public static ChartFigure OrderValueBars(IReadOnlyList<CategoryTotal> totals)
    {
        var axis = AxisOver(totals, t => t.SumAvgOrderValue);
        var bars = new Bar
        {
            Name = OrderValueName,
            X = [.. totals.Select(t => (object)PlotlyText.Escape(t.Category))],
            Y = [.. totals.Select(t => (object)axis.Plot(t.SumAvgOrderValue))],
            CustomData = [.. totals.Select(t => NameAndValue(t.Category, CompactNumber.Exact(t.SumAvgOrderValue)))],
            HoverTemplate = $"{NameInTooltip}<br>{OrderValueName}: {ValueInTooltip}<extra></extra>",
            Marker = new BarMarker { Color = KpiTheme.Series },
        };
        var layout = BaseLayout(showLegend: false);
        layout.XAxis = [CategoryXAxis("category", totals)];
        layout.YAxis = [ValueYAxis(axis, OrderValueName)];
        return new ChartFigure([bars], layout, [.. totals.Select(t => t.Category)]);
    }

    /// <summary>The smallest share of the donut's revenue whose slice is labelled outside the ring.</summary>
    private const double MinLabelledShare = 0.01;

    /// <summary>
    /// Sum of daily_revenue by category: a donut with `value (share)` outside each slice and a legend. A slice cannot
    /// be negative: categories whose revenue is below zero (refunds) are left out, and the shares are of the others'
    /// revenue; the page names those left out under the donut (<see cref="DashboardFigures.NegativeRevenue"/>).
    /// </summary>
    public static ChartFigure RevenueDonut(IReadOnlyList<CategoryTotal> totals)
    {
        totals = [.. totals.Where(t => t.Revenue >= 0)];
        var whole = totals.Sum(t => t.Revenue);
        string Share(CategoryTotal t) => CompactNumber.Percent(whole > 0 ? t.Revenue / whole : 0);
        var scale = AxisOver(totals, t => t.Revenue); // slices are proportions: any unit draws them alike
        var donut = new Pie
        {
            Name = RevenueName,
            Labels = [.. PlotlyText.UniqueLabels(totals.Select(t => t.Category))],
            Values = [.. totals.Select(t => (object)scale.Plot(t.Revenue))],
            // A slice under 1 % gets no outside label: many of them stack their labels into a column off the chart
            // (one category far above the rest leaves all others near 0 %). Its tooltip still gives it.
            Text = [.. totals.Select(t => (object)(whole > 0 && t.Revenue / whole < MinLabelledShare ? "" : $"{CompactNumber.Label(t.Revenue)} ({Share(t)})"))],
            CustomData = [.. totals.Select(t => NameAndValue(t.Category, $"{CompactNumber.Exact(t.Revenue)} ({Share(t)})"))],
            TextInfo = PieLib.TextInfoFlag.Text,
            TextPosition = PieLib.TextPositionEnum.Outside,
            HoverTemplate = $"{NameInTooltip}<br>{RevenueName}: {ValueInTooltip}<extra></extra>",
            Hole = 0.5m,
            Sort = false,
            Direction = PieLib.DirectionEnum.Clockwise,
            AutoMargin = true,
            // The lowest outside label stays above the legend, which sits in the bottom margin.
            Domain = new PieLib.Domain { Y = [0.15m, 1m] },
            Marker = new PieLib.Marker { Colors = [.. totals.Select((_, i) => (object)KpiTheme.Palette[i % KpiTheme.Palette.Length])] },
        };
        var layout = BaseLayout(showLegend: true);
        layout.Legend = [new Legend
        {
            Title = new LegendLib.Title { Text = "category", Side = LegendLib.TitleLib.SideEnum.Top },
            // Below the donut: beside it, the legend would share the margin the outside labels push, and cover them.
            Orientation = LegendLib.OrientationEnum.H,
            X = 0.5m,
            XAnchor = LegendLib.XAnchorEnum.Center,
            Y = 0,
            YAnchor = LegendLib.YAnchorEnum.Top,
            ItemClick = LegendLib.ItemClickEnum.False,
            ItemDoubleClick = LegendLib.ItemDoubleClickEnum.False,
        }];
        return new ChartFigure([donut], layout, [.. totals.Select(t => t.Category)]);
    }

    /// <summary>Sum of daily_revenue by category: horizontal bars, largest on top.</summary>
    public static ChartFigure RevenueBars(IReadOnlyList<CategoryTotal> totals)
    {
        var axis = AxisOver(totals, t => t.Revenue);
        var bars = new Bar
        {
            Name = RevenueName,
            Orientation = BarOrientation.H,
            X = [.. totals.Select(t => (object)axis.Plot(t.Revenue))],
            Y = [.. totals.Select(t => (object)PlotlyText.Escape(t.Category))],
            CustomData = [.. totals.Select(t => NameAndValue(t.Category, CompactNumber.Exact(t.Revenue)))],
            HoverTemplate = $"{NameInTooltip}<br>{RevenueName}: {ValueInTooltip}<extra></extra>",
            Marker = new BarMarker { Color = KpiTheme.Series },
        };
        var layout = BaseLayout(showLegend: false);
        layout.Margin.R = 24; // room for the last tick label at the right end of the value axis
        layout.XAxis = [ValueXAxis(axis, RevenueName)];
        layout.YAxis = [new YAxis
        {
            Type = YAxisLib.TypeEnum.Category,
            TickMode = YAxisLib.TickModeEnum.Array,
            TickVals = CategoryTickValues(totals),
            TickText = CategoryTickTexts(totals, PlotlyText.MaxSideLabelLength),
            AutoRange = YAxisLib.AutoRangeEnum.Reversed,
            Title = new YAxisLib.Title { Text = "category", Standoff = TitleStandoff },
            AutoMargin = YAxisLib.AutoMarginFlag.True,
            FixedRange = true,
        }];
        return new ChartFigure([bars], layout, [.. totals.Select(t => t.Category)]);
    }

    /// <summary>total_revenue (left axis) and total_items_sold (right axis) by day, week or month.</summary>
    public static ChartFigure RevenueAndItems(OrderSeries series) =>
        OrderPair(series, TotalRevenueName, p => p.TotalRevenue, ItemsSoldName, p => p.TotalItemsSold);

    /// <summary>
    /// return_rate as a ratio (left axis) and unique_customers (right axis) by day, week or month; over a week or
    /// a month the rate is the days' average, so it stays a ratio.
    /// </summary>
    public static ChartFigure ReturnRateAndCustomers(OrderSeries series) =>
        OrderPair(series, ReturnRateLabel(series.Unit), p => p.ReturnRate, CustomersName, p => p.UniqueCustomers);

    /// <summary>The name of the return-rate series: a sum of one value a day, an average over longer points.</summary>
    public static string ReturnRateLabel(SeriesUnit unit) => unit == SeriesUnit.Day ? ReturnRateName : AverageReturnRateName;

    private static ChartFigure OrderPair(
        OrderSeries series, string leftName, Func<SeriesPoint, double> left, string rightName, Func<SeriesPoint, double> right)
    {
        var points = series.Points;
        var dates = points.Select(p => (object)DashboardFilter.FormatDate(p.Start)!).ToList();
        var layout = BaseLayout(showLegend: true);
        layout.HoverMode = HoverModeEnum.XUnified;
        layout.Legend = [new Legend
        {
            Orientation = LegendLib.OrientationEnum.H,
            X = 0,
            Y = 1.02m,
            XAnchor = LegendLib.XAnchorEnum.Left,
            YAnchor = LegendLib.YAnchorEnum.Bottom,
            ItemClick = LegendLib.ItemClickEnum.False,
            ItemDoubleClick = LegendLib.ItemDoubleClickEnum.False,
        }];
        layout.XAxis = [new XAxis
        {
            Type = XAxisLib.TypeEnum.Date,
            TickFormat = series.Unit == SeriesUnit.Day ? "%b %-d" : "%b %Y",
            HoverFormat = series.Unit switch { SeriesUnit.Week => "week of %Y-%m-%d", SeriesUnit.Month => "%B %Y", _ => "%Y-%m-%d" },
            Title = new XAxisLib.Title { Text = "order_date", Standoff = TitleStandoff },
            AutoMargin = XAxisLib.AutoMarginFlag.True,
            FixedRange = true,
        }];
        var (leftTicks, rightTicks) = (AxisOver(points, left), AxisOver(points, right));
        var leftAxis = ValueYAxis(leftTicks, leftName);
        var rightAxis = ValueYAxis(rightTicks, rightName);
        rightAxis.Overlaying = "y";
        rightAxis.Side = YAxisLib.SideEnum.Right;
        rightAxis.ShowGrid = false;
        layout.YAxis = [leftAxis, rightAxis];
        return new ChartFigure(
            [Line(dates, points, leftName, left, leftTicks, "y", KpiTheme.Series), Line(dates, points, rightName, right, rightTicks, "y2", KpiTheme.SecondSeries)],
            layout,
            []);
    }

    private static Scatter Line(
        List<object> dates, IReadOnlyList<SeriesPoint> points, string name, Func<SeriesPoint, double> value, NiceAxis ticks, string axis, string colour) => new()
    {
        Name = name,
        Mode = ScatterLib.ModeFlag.Lines,
        X = dates,
        Y = [.. points.Select(p => (object)ticks.Plot(value(p)))],
        YAxis = axis,
        CustomData = [.. points.Select(p => (object)CompactNumber.Exact(value(p)))],
        HoverTemplate = $"{name}: %{{customdata}}<extra></extra>",
        Line = new ScatterLib.Line { Color = colour, Width = 2 },
    };

    // A tooltip names the whole category (axes and legend may cut it short) and gives the exact value.
    private const string NameInTooltip = "%{customdata[0]}";
    private const string ValueInTooltip = "%{customdata[1]}";

    private static object NameAndValue(string category, string value) => new[] { PlotlyText.Escape(category), value };

    /// <summary>An axis through zero over the values (refunds can make a revenue negative).</summary>
    private static NiceAxis AxisOver<T>(IReadOnlyCollection<T> items, Func<T, double> value) =>
        items.Count == 0 ? NiceAxis.For(0) : NiceAxis.For(items.Min(value), items.Max(value));

    private static Layout BaseLayout(bool showLegend) => new()
    {
        AutoSize = true,
        ShowLegend = showLegend,
        Font = new Font { Family = FontFamily, Size = FontSize, Color = "#333333" },
        HoverLabel = new HoverLabel { Font = new Plotly.Blazor.LayoutLib.HoverLabelLib.Font { Family = FontFamily, Size = FontSize } },
        Margin = new Margin { L = 8, R = 8, T = 24, B = 8, Pad = 0 },
        PaperBgColor = "#ffffff",
        PlotBgColor = "#ffffff",
        DragMode = DragModeEnum.False,
        Separators = ".,",
    };

    private static YAxis ValueYAxis(NiceAxis axis, string title) => new()
    {
        Range = [axis.Plot(axis.Bottom), axis.Plot(axis.Top)],
        TickMode = YAxisLib.TickModeEnum.Array,
        TickVals = [.. axis.Values.Select(v => (object)axis.Plot(v))],
        TickText = [.. axis.Labels.Cast<object>()],
        Title = new YAxisLib.Title { Text = title, Standoff = TitleStandoff },
        AutoMargin = YAxisLib.AutoMarginFlag.True,
        FixedRange = true,
        ZeroLine = axis.Bottom < 0, // bars below zero start from a visible line
    };

    private static XAxis ValueXAxis(NiceAxis axis, string title) => new()
    {
        Range = [axis.Plot(axis.Bottom), axis.Plot(axis.Top)],
        TickMode = XAxisLib.TickModeEnum.Array,
        TickVals = [.. axis.Values.Select(v => (object)axis.Plot(v))],
        TickText = [.. axis.Labels.Cast<object>()],
        Title = new XAxisLib.Title { Text = title, Standoff = TitleStandoff },
        AutoMargin = XAxisLib.AutoMarginFlag.True,
        FixedRange = true,
        ZeroLine = axis.Bottom < 0,
    };

    private static XAxis CategoryXAxis(string title, IReadOnlyList<CategoryTotal> totals) => new()
    {
        Type = XAxisLib.TypeEnum.Category,
        TickMode = XAxisLib.TickModeEnum.Array,
        TickVals = CategoryTickValues(totals),
        TickText = CategoryTickTexts(totals),
        TickAngle = -45, // long names such as "Home & Kitchen" do not overlap their neighbours in a narrow panel
        Title = new XAxisLib.Title { Text = title, Standoff = TitleStandoff },
        AutoMargin = XAxisLib.AutoMarginFlag.True,
        FixedRange = true,
    };

    // A category axis's ticks: at each category (escaped, as the bars name it), labelled with the name cut short.
    private static List<object> CategoryTickValues(IReadOnlyList<CategoryTotal> totals) => [.. totals.Select(t => (object)PlotlyText.Escape(t.Category))];

    private static List<object> CategoryTickTexts(IReadOnlyList<CategoryTotal> totals, int maxLength = PlotlyText.MaxLabelLength) =>
        [.. totals.Select(t => (object)PlotlyText.Label(t.Category, maxLength))];
}
