using System.Globalization;
using Kpi.Shared.Runs;

namespace Kpi.Dashboard.Components.Pages.Dashboard.Runs;

/// <summary>How runs read on the page: status colours, durations and counts.</summary>
internal static class RunFormat
{
    public static MudBlazor.Color Color(RunStatus status) => status switch
    {
        RunStatus.Succeeded => MudBlazor.Color.Success,
        RunStatus.Failed => MudBlazor.Color.Error,
        RunStatus.Running => MudBlazor.Color.Info,
        _ => MudBlazor.Color.Default,
    };

    public static string Duration(TimeSpan span) => span.TotalHours >= 1
        ? span.ToString(@"h\:mm\:ss", CultureInfo.InvariantCulture)
        : span.ToString(@"m\:ss", CultureInfo.InvariantCulture);

    public static TimeSpan Elapsed(KpiRun run, DateTimeOffset now) => (run.FinishedAt ?? now) - run.StartedAt;

    public static long RowsRead(KpiRun run) => run.Tables.Sum(table => table.RowsRead);

    public static long RowsRejected(KpiRun run) => run.Tables.Sum(table => table.RowsRejected);

    public static long RowsWritten(KpiRun run) => run.CategoryRowsWritten + run.OrderRowsWritten;

    public static string Count(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    public static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);
}
