using Kpi.Dashboard.Data;

namespace Kpi.Dashboard.Tests.Data;

public sealed class KpiSumTests
{
    [Fact]
    public void A_sum_within_decimal_is_exact()
    {
        // In doubles 0.1 + 0.2 is 0.30000000000000004.
        Assert.Equal(0.3, KpiSum.Of([0.1m, 0.2m], value => value));
        Assert.Equal(0, KpiSum.Of(Array.Empty<decimal>(), value => value));
    }

    [Fact]
    public void A_sum_past_decimal_goes_on_as_a_double_with_every_value_in_it()
    {
        var large = 7.9e28m;

        Assert.Equal(1.58e29, KpiSum.Of([large, large], value => value), 1e15);
        Assert.Equal(7.9e28, KpiSum.Of([large, large, -large], value => value), 1e15);
        Assert.Equal(-1.58e29, KpiSum.Of([-large, -large], value => value), 1e15);
    }
}
