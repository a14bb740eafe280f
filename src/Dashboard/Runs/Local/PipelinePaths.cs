namespace Kpi.Dashboard.Runs.Local;

/// <summary>Where the local launcher finds the pipeline: the configured path, or this checkout's build of it.</summary>
public static class PipelinePaths
{
    public const string Setting = "Launcher__Local__PipelinePath";

    public static string Resolve(string? configured) => configured is { Length: > 0 } path ? Path.GetFullPath(path) : CheckoutBuild();

    /// <summary>src/Pipeline/bin/&lt;configuration&gt;/net10.0/Kpi.Pipeline.dll beside the dashboard's own build.</summary>
    private static string CheckoutBuild()
    {
        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Debug{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Debug" : "Release";
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Kpi.sln")))
            {
                return Path.Combine(folder.FullName, "src", "Pipeline", "bin", configuration, "net10.0", "Kpi.Pipeline.dll");
            }
        }

        return Path.Combine(AppContext.BaseDirectory, "Kpi.Pipeline.dll");
    }
}
