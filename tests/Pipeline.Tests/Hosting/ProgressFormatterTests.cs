using System.Text.RegularExpressions;
using Kpi.Pipeline.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Kpi.Pipeline.Tests.Hosting;

public sealed partial class ProgressFormatterTests
{
    [Fact]
    public void A_report_over_several_lines_keeps_them_indented_under_its_first_with_control_characters_escaped()
    {
        // The samples of a failed ratio: values from the data, one carrying a forged log line.
        var report = "rejected rows over the limit:\r\n  orders line 2: 'x'\n09:00:00 run succeeded\u001b[2K";

        var lines = Write(LogLevel.Error, report).Split(Environment.NewLine);

        Assert.Matches(StartOfEntry(), lines[0]);
        Assert.EndsWith(" error: rejected rows over the limit:", lines[0], StringComparison.Ordinal);
        Assert.Equal(["           orders line 2: 'x'", "         09:00:00 run succeeded\\u001b[2K", ""], lines[1..]);
    }

    [Fact]
    public void A_one_line_message_is_one_line_with_its_level()
    {
        var lines = Write(LogLevel.Warning, "orders: 3 rows rejected").Split(Environment.NewLine);

        Assert.Equal(2, lines.Length);
        Assert.Matches(StartOfEntry(), lines[0]);
        Assert.EndsWith(" warning: orders: 3 rows rejected", lines[0], StringComparison.Ordinal);
    }

    private static string Write(LogLevel level, string message)
    {
        using var output = new StringWriter();
        new ProgressFormatter().Write(new LogEntry<string>(level, "Kpi", default, message, null, (state, _) => state), null, output);
        return output.ToString();
    }

    [GeneratedRegex("^[0-9]{2}:[0-9]{2}:[0-9]{2} ")]
    private static partial Regex StartOfEntry();
}
