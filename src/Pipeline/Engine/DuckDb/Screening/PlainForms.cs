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
    public static bool IsPlain(InputColumn column, ReadOnlySpan<char> value) => IsPlain(column.Kind, column.MaxBytes, value);

    /// <summary>True when <paramref name="value"/> is in the plain form of <paramref name="kind"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool IsPlain(ValueKind kind, int? maxBytes, ReadOnlySpan<char> value) => kind switch
    {
        ValueKind.Any => true,
        ValueKind.Integer => IsInteger(value),
        ValueKind.Decimal => IsDecimal(value),
        ValueKind.Timestamp => IsTimestamp(value),
        ValueKind.Text => IsText(value, maxBytes),
        _ => false,
    };

    /// <summary>An optional minus sign and 1 to 18 ASCII digits: no plus sign, no white space.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool IsInteger(ReadOnlySpan<char> value)
    {
        var digits = value.StartsWith('-') ? value[1..] : value;
        return digits.Length is > 0 and <= 18 && IsDigits(digits);
    }

    /// <summary>An optional minus sign, 1 to 12 digits, and optionally a point followed by 1 to 6 digits.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
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
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool IsTimestamp(ReadOnlySpan<char> value)
    {
        if (value.Length < 19 || value[4] != '-' || value[7] != '-' || value[10] is not ('T' or ' ') || value[13] != ':' || value[16] != ':')
        {
            return false;
        }

        var (century, yearOfCentury) = (TwoDigits(value, 0), TwoDigits(value, 2));
        var year = century < 0 || yearOfCentury < 0 ? -1 : (century * 100) + yearOfCentury;
        var month = TwoDigits(value, 5);
        var day = TwoDigits(value, 8);
        if (year < 1 || month is < 1 or > 12 || day < 1 || (day > 28 && day > DateTime.DaysInMonth(year, month)) ||
            TwoDigits(value, 11) is < 0 or > 23 || TwoDigits(value, 14) is < 0 or > 59 || TwoDigits(value, 17) is < 0 or > 59)
        {
            return false;
        }

        if (value.Length == 19)
        {
            return true;
        }

        var rest = value[19..];
        if (rest[0] == '.')
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
                                               TwoDigits(rest, 1) is >= 0 and <= 23 && TwoDigits(rest, 4) is >= 0 and <= 59);
    }

    /// <summary>The value of a plain integer (<see cref="IsInteger"/> is true of it).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long IntegerValue(ReadOnlySpan<char> plain)
    {
        var negative = plain[0] == '-';
        var number = 0L;
        foreach (var digit in negative ? plain[1..] : plain)
        {
            number = (number * 10) + (digit - '0');
        }

        return negative ? -number : number;
    }

    /// <summary>Not empty, no white space at either end (so trimming changes nothing), and within the byte limit.</summary>
    public static bool IsText(ReadOnlySpan<char> value, int? maxBytes) =>
        !value.IsEmpty && !char.IsWhiteSpace(value[0]) && !char.IsWhiteSpace(value[^1]) &&
        (maxBytes is not { } max || value.Length * 3 <= max || Encoding.UTF8.GetByteCount(value) <= max);

    /// <summary>Only ASCII digits (a plain loop: the values are too short to gain from a vectorised search).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool IsDigits(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if ((uint)(c - '0') > 9)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The number written in two ASCII digits at <paramref name="start"/>, or -1.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int TwoDigits(ReadOnlySpan<char> text, int start)
    {
        var tens = (uint)(text[start] - '0');
        var ones = (uint)(text[start + 1] - '0');
        return tens <= 9 && ones <= 9 ? (int)((tens * 10) + ones) : -1;
    }
}
