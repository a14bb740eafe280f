using System.Text.RegularExpressions;
using Kpi.Shared;
using Kpi.Shared.Runs;
using Microsoft.Extensions.Options;

namespace Kpi.Dashboard.Extensions;

/// <summary>Settings refused at start-up: one line each, naming the setting, and exit code 2 (as the pipeline does).</summary>
public static partial class StartUpErrors
{
    /// <summary>Every setting validated at start-up, all at once, before anything reads one of them.</summary>
    public static void ValidateSettings(this WebApplication app) => app.Services.GetRequiredService<IStartupValidator>().Validate();

    /// <summary>Builds and runs the dashboard; a setting refused on the way is reported, not thrown with a stack trace.</summary>
    public static async Task<int> ReportSettingsAsync(Func<Task> run)
    {
        try
        {
            await run();
            return 0;
        }
        catch (OptionsValidationException ex)
        {
            return await ReportAsync(ex.Failures);
        }
        catch (AggregateException ex) when (ex.InnerExceptions.All(inner => inner is OptionsValidationException))
        {
            // Settings of several sections refused at once.
            return await ReportAsync(ex.InnerExceptions.Cast<OptionsValidationException>().SelectMany(inner => inner.Failures));
        }
        catch (InvalidSettingException ex)
        {
            return await ReportAsync([ex.Message]);
        }
        catch (InvalidOperationException ex) when (ex.Message.StartsWith("Failed to convert configuration value", StringComparison.Ordinal))
        {
            // The binder names the section path ('Launcher:Mode'); the variable is Launcher__Mode.
            return await ReportAsync([SectionPath().Replace(ex.Message, match => $"at '{match.Groups[1].Value.Replace(":", "__", StringComparison.Ordinal)}'")]);
        }
    }

    private static async Task<int> ReportAsync(IEnumerable<string> failures)
    {
        foreach (var failure in failures)
        {
            await Console.Error.WriteLineAsync($"Invalid setting: {failure}");
        }

        return ExitCodes.InvalidInput;
    }

    [GeneratedRegex("at '([^']+)'")]
    private static partial Regex SectionPath();
}
