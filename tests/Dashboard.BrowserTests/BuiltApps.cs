using System.Reflection;

namespace Kpi.Dashboard.BrowserTests;

/// <summary>The dashboard and pipeline builds this project depends on (same configuration).</summary>
internal static class BuiltApps
{
    public static string Dashboard => Path.GetFullPath(Metadata("DashboardDll"));

    public static string Pipeline => Path.GetFullPath(Metadata("PipelineDll"));

    private static string Metadata(string key) =>
        typeof(BuiltApps).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value!;
}
