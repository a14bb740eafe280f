namespace Kpi.TestSupport;

/// <summary>
/// The pipeline as the image ships it. Tests that start the pipeline as a process carry
/// <c>[Trait(PublishedPipeline.Trait, PublishedPipeline.TraitValue)]</c>: scripts/test.sh publishes the native
/// executable and runs them a second time against it, KPI_TEST_PIPELINE naming it.
/// </summary>
public static class PublishedPipeline
{
    public const string Trait = "Runs";

    public const string TraitValue = "PipelineProcess";

    /// <summary>The published executable to run instead of the build (KPI_TEST_PIPELINE), if any.</summary>
    public static string? Executable { get; } =
        Environment.GetEnvironmentVariable("KPI_TEST_PIPELINE") is { Length: > 0 } path ? Path.GetFullPath(path) : null;

    /// <summary>The program and arguments that run the pipeline: the executable if one is named, else <c>dotnet</c> on <paramref name="dll"/>.</summary>
    public static (string FileName, string[] Arguments) Command(string dll, params string[] arguments) =>
        Executable is { } executable ? (executable, arguments) : ("dotnet", [dll, .. arguments]);
}
