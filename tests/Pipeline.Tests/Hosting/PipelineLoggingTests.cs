using Kpi.Pipeline.Hosting;
using Kpi.Shared.Runs;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Kpi.Pipeline.Tests.Hosting;

public sealed class PipelineLoggingTests
{
    [Theory]
    [InlineData("json")]
    [InlineData("JSON")]
    [InlineData(" Json ")]
    [InlineData("text")]
    [InlineData("TEXT")]
    [InlineData("")]
    public async Task Json_or_text_in_any_case_or_nothing_is_accepted(string format)
    {
        using var host = Build(format);

        Assert.Null(await PipelineHost.StartAsync(host, TestContext.Current.CancellationToken));
        await host.StopAsync(TestContext.Current.CancellationToken);
    }

    [Theory]
    [InlineData("jsn", "'jsn'")]
    [InlineData(" plain ", "'plain'")]
    [InlineData("json\u001b[2J", "'json\u001b[2J'")]
    public async Task Any_other_format_is_refused_at_start_naming_the_variable_the_value_and_the_accepted_values(string format, string shown)
    {
        using (var host = Build(format))
        {
            var refused = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync(TestContext.Current.CancellationToken));
            Assert.Equal(
                [$"KPI_LOG_FORMAT must be json (one JSON object a line) or text (the progress report, also when unset), got {shown}."],
                refused.Failures);
        }

        using var again = Build(format);
        Assert.Equal(ExitCodes.InvalidInput, await PipelineHost.StartAsync(again, TestContext.Current.CancellationToken));
    }

    private static IHost Build(string format) =>
        PipelineHost.Build(new Dictionary<string, string?> { [PipelineLogging.FormatVariable] = format }, _ => { });
}
