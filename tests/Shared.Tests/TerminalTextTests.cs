namespace Kpi.Shared.Tests;

public sealed class TerminalTextTests
{
    [Theory]
    [InlineData("rejected: orders: value '\u001b]0;PWNED\u0007'", "rejected: orders: value '\\u001b]0;PWNED\\u0007'")]
    [InlineData("a\nb\r\tc\u0000d\u009be", "a\\u000ab\\u000d\\u0009c\\u0000d\\u009be")]
    [InlineData("Beauty, Café, 東京 (value: '12\" screen')", "Beauty, Café, 東京 (value: '12\" screen')")]
    [InlineData("a\u2028b\u202Ecba", "a\\u2028b\\u202ecba")]
    public void Control_characters_are_written_as_escapes_and_other_text_as_it_is(string message, string printed) =>
        Assert.Equal(printed, TerminalText.Printable(message));
}
