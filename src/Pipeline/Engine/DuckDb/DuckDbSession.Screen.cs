using Kpi.Pipeline.Contract;
using Kpi.Pipeline.Engine.DuckDb.Screening;
using Kpi.Pipeline.Sources;
using Microsoft.Extensions.Logging;

namespace Kpi.Pipeline.Engine.DuckDb;

/// <summary>Screening, table by table in the background while DuckDB reads: which files take the fast path.</summary>
internal sealed partial class DuckDbSession
{
    private const int MaxCarefulFilesLogged = 5;

    /// <summary>
    /// Reads every file's header (a missing column fails the run before anything is read), then screens the
    /// tables one after the other in the background: each table's task ends when its files are screened
    /// (every file careful when the fast path is off).
    /// </summary>
    private Dictionary<InputTable, Task<FileScreen[]>> StartScreening(CancellationToken cancellationToken)
    {
        var layouts = _input.Files.ToDictionary(
            pair => pair.Key,
            pair => pair.Value.Select(file => (File: file, Layout: CsvHeaders.ReadLayout(pair.Key, file))).ToList());
        var tasks = layouts.Keys.ToDictionary(table => table, _ => new TaskCompletionSource<FileScreen[]>(TaskCreationOptions.RunContinuationsAsynchronously));
        var carefulLogged = 0;
        _ = Task.Run(
            () =>
            {
                foreach (var (table, files) in layouts)
                {
                    try
                    {
                        tasks[table].SetResult(Screen(table, files, ref carefulLogged, cancellationToken));
                    }
                    catch (Exception ex)
                    {
                        // This table and every one after it: the read stops at the first that fails.
                        foreach (var rest in tasks.Values.Where(task => !task.Task.IsCompleted))
                        {
                            rest.SetException(ex);
                        }

                        return;
                    }
                }
            },
            CancellationToken.None);
        return tasks.ToDictionary(pair => pair.Key, pair => pair.Value.Task);
    }

    /// <summary>Screens one table's files; logs how many are plain, and why the first few careful files of the read are not.</summary>
    private FileScreen[] Screen(InputTable table, List<(InputFile File, HeaderLayout Layout)> files, ref int carefulLogged, CancellationToken cancellationToken)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var screens = _fastPath
            ? FileScreening.ScreenAll(table, files, cancellationToken)
            : [.. files.Select(file => new FileScreen(file.File, file.Layout, Plain: false, 0, "the fast path is off"))];

        // Why a file was not plain is the first thing to look at when a run is slower than expected.
        foreach (var screen in screens.Where(screen => !screen.Plain && _fastPath))
        {
            if (carefulLogged++ < MaxCarefulFilesLogged)
            {
                _logger.LogInformation("read: {File} is checked row by row: {Reason}", screen.File.Name, screen.NotPlainBecause);
            }
        }

        var careful = screens.Count(screen => !screen.Plain);
        _logger.LogInformation(
            "read: {Table}: {Plain} of {Files} file(s) plain (typed, parallel read), {Careful} checked row by row; screened in {Elapsed:F2}s",
            table.Name, files.Count - careful, files.Count, careful, System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalSeconds);
        return screens;
    }
}
