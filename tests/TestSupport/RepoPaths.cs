namespace Kpi.TestSupport;

/// <summary>Where the repository, its installed tools and the shared data set are.</summary>
public static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    /// <summary>Tools installed by scripts/common.sh (DynamoDB Local, s3rver).</summary>
    public static string Tools =>
        Environment.GetEnvironmentVariable("KPI_TOOLS_DIR") is { Length: > 0 } dir ? dir : Path.Combine(Root, ".tools");

    /// <summary>The real data set beside the repository, when the checkout has it.</summary>
    public static string RealDataSet => Path.GetFullPath(Path.Combine(Root, "..", "shared", "data", "ecommerce"));

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Kpi.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"Kpi.sln not found above {AppContext.BaseDirectory}.");
    }
}
