using Kpi.Dashboard.Data.Charts;

namespace Kpi.Dashboard.Tests.Data.Charts;

public sealed class PlotlyTextTests
{
    [Theory]
    [InlineData("Beauty", "Beauty")]
    [InlineData("Home & Kitchen", "Home &amp; Kitchen")]
    [InlineData("Toys <b>&</b> \"Games\"", "Toys &lt;b&gt;&amp;&lt;/b&gt; \"Games\"")]
    [InlineData("<img src=x onerror=alert(1)>", "&lt;img src=x onerror=alert(1)&gt;")]
    [InlineData("&lt;", "&amp;lt;")]
    public void Names_reach_plotly_with_markup_characters_as_entities(string name, string escaped)
    {
        Assert.Equal(escaped, PlotlyText.Escape(name));
    }
}
