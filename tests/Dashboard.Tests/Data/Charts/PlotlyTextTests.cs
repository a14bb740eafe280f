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
        Assert.Equal(escaped, PlotlyText.Label(name));
    }

    [Fact]
    public void Labels_keep_thirty_characters_ending_in_an_ellipsis_cut_before_escaping_and_between_whole_characters()
    {
        Assert.Equal(new string('a', 30), PlotlyText.Label(new string('a', 30)));
        Assert.Equal(new string('a', 29) + "…", PlotlyText.Label(new string('a', 31)));
        Assert.Equal(string.Concat(Enumerable.Repeat("&amp;", 29)) + "…", PlotlyText.Label(new string('&', 40)));
        const string Family = "👩‍👩‍👧"; // one character of five code points (eight UTF-16 units)
        Assert.Equal(string.Concat(Enumerable.Repeat(Family, 29)) + "…", PlotlyText.Label(string.Concat(Enumerable.Repeat(Family, 40))));
    }

    [Fact]
    public void Labels_cut_to_the_same_text_stay_different()
    {
        var labels = PlotlyText.UniqueLabels([new string('x', 40) + "1", new string('x', 40) + "2", "Books"]).Cast<string>().ToList();

        Assert.Equal(3, labels.Distinct(StringComparer.Ordinal).Count());
        Assert.All(labels.Take(2), label => Assert.StartsWith(new string('x', 29) + "…", label, StringComparison.Ordinal));
    }
}
