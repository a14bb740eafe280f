using Bunit;
using Kpi.Dashboard.Components.Shared;

namespace Kpi.Dashboard.Tests.Components;

public sealed class KpiCardTests
{
    [Fact]
    public async Task Shows_the_compact_value_with_the_exact_one_for_tooltips_and_screen_readers()
    {
        await using var context = DashboardContext.Create();

        var card = context.Render<KpiCard>(p => p.Add(c => c.Caption, "Average of daily_revenue").Add(c => c.Value, 9923.9537));

        Assert.Equal("9.92K", card.Find(".kpi-card-value").TextContent);
        Assert.Equal("Average of daily_revenue: 9,923.9537", card.Find(".kpi-card-value").GetAttribute("aria-label"));
        Assert.Equal("Average of daily_revenue", card.Find(".kpi-card-caption").TextContent);
    }

    [Fact]
    public async Task A_figure_past_a_thousand_trillion_is_short_with_every_digit_in_the_tooltip()
    {
        await using var context = DashboardContext.Create();

        var card = context.Render<KpiCard>(p => p.Add(c => c.Caption, "Average of daily_revenue").Add(c => c.Value, 7.9e28));

        Assert.Equal("7.9e28", card.Find(".kpi-card-value").TextContent); // was "79000000000000000T", wider than the card
        Assert.Equal("Average of daily_revenue: 79,000,000,000,000,000,000,000,000,000", card.Find(".kpi-card-value").GetAttribute("aria-label"));
    }

    [Fact]
    public async Task Without_a_value_shows_a_dash()
    {
        await using var context = DashboardContext.Create();

        var card = context.Render<KpiCard>(p => p.Add(c => c.Caption, "Average of avg_order_value").Add(c => c.Value, null));

        Assert.Equal("–", card.Find(".kpi-card-value").TextContent);
    }
}
