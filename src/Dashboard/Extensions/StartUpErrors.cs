using System.Text.RegularExpressions;
using Kpi.Shared;
using Microsoft.Extensions.Options;

namespace Kpi.Dashboard.Extensions;

/// <summary>Settings refused at start-up: one line each, naming the setting, and exit code 2 (as the pipeline does).</summary>
public static partial class StartUpErrors
{
    public const int InvalidSettings = 2;

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

        return InvalidSettings;
    }

    [GeneratedRegex("at '([^']+)'")]
    private static partial Regex SectionPath();
}
