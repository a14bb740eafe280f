namespace Kpi.Dashboard.Data;

/// <summary>
/// A sum of KPI values (revenues, counts): exact while it fits in a decimal, a double beyond. Items written by hand
/// may hold figures near a type's limit (a revenue of 7.9e28, a count of 9e18), and two of them must give a large
/// figure on the page, not an <see cref="OverflowException"/> that ends the circuit.
/// </summary>
public struct KpiSum
{
    private decimal _exact;
    private double _approximate;
    private bool _overflowed;

    public void Add(decimal value)
    {
        _approximate += (double)value;
        if (!_overflowed)
        {
            try
            {
                _exact += value;
            }
            catch (OverflowException)
            {
                _overflowed = true;
            }
        }
    }

    public readonly double Value => _overflowed ? _approximate : (double)_exact;

    public static double Of<T>(IEnumerable<T> rows, Func<T, decimal> value)
    {
        var sum = new KpiSum();
        foreach (var row in rows)
        {
            sum.Add(value(row));
        }

        return sum.Value;
    }
}
