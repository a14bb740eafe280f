using System.Reflection;
using Kpi.TestSupport;

namespace Kpi.Pipeline.Tests.Cli;

/// <summary>
/// Runs the built pipeline as its own process, as ECS or a user would; or the published executable
/// (<see cref="PublishedPipeline"/>), for the tests that carry its trait.
/// </summary>
internal static class PipelineProcess
{
    /// <summary>
    /// The pipeline's own build (not the copy in this test's output, whose runtime configuration is the test's:
    /// TestSupport brings ASP.NET Core's shared framework, so hosting assemblies are not copied here).
    /// </summary>
    public static string Dll { get; } = Path.GetFullPath(typeof(PipelineProcess).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "PipelineDll").Value!);

    public static Task<(int ExitCode, string Output)> RunAsync(DynamoDbLocal dynamo, params string[] arguments) =>
        RunAsync(dynamo.Environment, arguments);

    public static async Task<(int ExitCode, string Output)> RunAsync(IDictionary<string, string> environment, string[] arguments)
    {
        var (fileName, commandLine) = Command(arguments);
        await using var process = new LocalProcess(fileName, commandLine, environment);
        var exitCode = await process.WaitAsync(TimeSpan.FromMinutes(2));
        return (exitCode, process.Output);
    }

    /// <summary>The program and arguments that run the pipeline: the published executable if one is named, else <c>dotnet</c> on the build.</summary>
    public static (string FileName, string[] Arguments) Command(params string[] arguments) => PublishedPipeline.Command(Dll, arguments);

    public static string[] TableArguments(Kpi.Shared.Storage.KpiTableOptions tables) =>
        ["--category-table", tables.CategoryTable, "--order-table", tables.OrderTable, "--runs-table", tables.RunsTable];
}
