using System.Runtime.CompilerServices;
using System.Text;
using Kpi.Pipeline.Contract;

namespace Kpi.Pipeline.Engine.DuckDb.Screening;

/// <summary>
/// The plain written form of each kind of value: a strict subset of what the input contract accepts
/// (<see cref="InputRules"/>), chosen so that DuckDB's typed CSV reader converts a plain value exactly as the
/// contract's conversion does. A value outside its plain form is not thereby invalid: its file takes the careful
/// path, where the contract's rules decide. The rules themselves are defined once, in <see cref="InputRules"/>.
/// </summary>
internal static class PlainForms
{
    /// <summary>True when <paramref name="value"/> (a field's text, quotes removed) is in the plain form of the column's kind.</summary>
    public static bool IsPlain(InputColumn column, ReadOnlySpan<char> value) => column.Kind switch
    {
        ValueKind.Any => true,
        ValueKind.Integer => IsInteger(value),
        ValueKind.Decimal => IsDecimal(value),
        ValueKind.Timestamp => IsTimestamp(value),
        ValueKind.Text => IsText(value, column.MaxBytes),
        _ => false,
    };

    /// <summary>An optional minus sign and 1 to 18 ASCII digits: no plus sign, no white space.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static bool IsInteger(ReadOnlySpan<char> value)
    {
        var digits = value.StartsWith('-') ? value[1..] : value;
        return digits.Length is > 0 and <= 18 && IsDigits(digits);
    }

    /// <summary>An optional minus sign, 1 to 12 digits, and optionally a point followed by 1 to 6 digits.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static bool IsDecimal(ReadOnlySpan<char> value)
    {
        var unsigned = value.StartsWith('-') ? value[1..] : value;
        var point = unsigned.IndexOf('.');
        var whole = point < 0 ? unsigned : unsigned[..point];
        var fraction = point < 0 ? [] : unsigned[(point + 1)..];
        return whole.Length is > 0 and <= 12 && IsDigits(whole) &&
               (point < 0 || (fraction.Length is > 0 and <= 6 && IsDigits(fraction)));
    }

    /// <summary>
    /// yyyy-MM-dd[T ]HH:mm:ss with a real date from year 1 and a real time of day (hours to 23, seconds to 59),
    /// an optional fraction of a second, and an optional Z or ±HH:mm suffix.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static bool IsTimestamp(ReadOnlySpan<char> value)
    {
        if (value.Length < 19 || value[4] != '-' || value[7] != '-' || value[10] is not ('T' or ' ') || value[13] != ':' || value[16] != ':')
        {
            return false;
        }

        var year = Number(value, 0, 4);
        var month = Number(value, 5, 2);
        var day = Number(value, 8, 2);
        if (year < 1 || month is < 1 or > 12 || day < 1 || (day > 28 && day > DateTime.DaysInMonth(year, month)) ||
            Number(value, 11, 2) is < 0 or > 23 || Number(value, 14, 2) is < 0 or > 59 || Number(value, 17, 2) is < 0 or > 59)
        {
            return false;
        }

        var rest = value[19..];
        if (rest.StartsWith('.'))
        {
            var digits = rest[1..].IndexOfAnyExceptInRange('0', '9');
            var length = digits < 0 ? rest.Length - 1 : digits;
            if (length == 0)
            {
                return false;
            }

            rest = rest[(1 + length)..];
        }

        return rest.IsEmpty || rest is "Z" || (rest.Length == 6 && rest[0] is '+' or '-' && rest[3] == ':' &&
                                               Number(rest, 1, 2) is >= 0 and <= 23 && Number(rest, 4, 2) is >= 0 and <= 59);
    }

    /// <summary>Not empty, no white space at either end (so trimming changes nothing), and within the byte limit.</summary>
    public static bool IsText(ReadOnlySpan<char> value, int? maxBytes) =>
        !value.IsEmpty && !char.IsWhiteSpace(value[0]) && !char.IsWhiteSpace(value[^1]) &&
        (maxBytes is not { } max || value.Length * 3 <= max || Encoding.UTF8.GetByteCount(value) <= max);

    private static bool IsDigits(ReadOnlySpan<char> text) => !text.ContainsAnyExceptInRange('0', '9');

    /// <summary>The number written in <paramref name="length"/> ASCII digits from <paramref name="start"/>, or -1.</summary>
    private static int Number(ReadOnlySpan<char> text, int start, int length)
    {
        var number = 0;
        foreach (var digit in text.Slice(start, length))
        {
            var value = digit - '0';
            if ((uint)value > 9)
            {
                return -1;
            }

            number = (number * 10) + value;
        }

        return number;
    }
}
