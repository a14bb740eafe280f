using Kpi.TestSupport;

namespace Kpi.Pipeline.Tests.Cli;

/// <summary>Runs the built pipeline as its own process, as ECS or a user would.</summary>
internal static class PipelineProcess
{
    /// <summary>The pipeline's own build output (Kpi.Pipeline.dll with its dependencies).</summary>
    public static string Dll => Path.GetFullPath(typeof(PipelineProcess).Assembly
        .GetCustomAttributes(typeof(System.Reflection.AssemblyMetadataAttribute), false)
        .Cast<System.Reflection.AssemblyMetadataAttribute>().Single(a => a.Key == "PipelineDll").Value!);

    public static Task<(int ExitCode, string Output)> RunAsync(DynamoDbLocal dynamo, params string[] arguments) =>
        RunAsync(dynamo.Environment, arguments);

    public static async Task<(int ExitCode, string Output)> RunAsync(IDictionary<string, string> environment, string[] arguments)
    {
        await using var process = new LocalProcess("dotnet", [Dll, .. arguments], environment);
        var exitCode = await process.WaitAsync(TimeSpan.FromMinutes(2));
        return (exitCode, process.Output);
    }

    public static string[] TableArguments(Kpi.Shared.Storage.KpiTableOptions tables) =>
        ["--category-table", tables.CategoryTable, "--order-table", tables.OrderTable, "--runs-table", tables.RunsTable];
}
