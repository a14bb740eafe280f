using MudBlazor;

namespace Kpi.Dashboard.Components.Layout;

/// <summary>The reference report's colours: purple series on white cards over an indigo-to-purple page.</summary>
public static class KpiTheme
{
    public const string Series = "#7E4FC9";
    public const string SecondSeries = "#3FC1C9";

    /// <summary>Slice colours of the donut, in the reference's order.</summary>
    public static readonly string[] Palette = ["#7E4FC9", "#5BC8C4", "#3D7BF2", "#F4967A", "#E4504F", "#4B1C5E", "#E8609B", "#F2C14E", "#6D8A96"];

    public static MudTheme Theme { get; } = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = Series,
            Secondary = SecondSeries,
            AppbarBackground = "#4B4A9E",
            Background = "#5B4BA8",
        },
    };
}
