using System.CommandLine;
using Kpi.Shared.Runs;

namespace Kpi.Pipeline.Cli;

internal static class PipelineCli
{
    public static RootCommand Create() => new("Kpi pipeline: daily e-commerce KPIs from CSV files into DynamoDB.")
    {
        RunCommand.Create(),
        GenerateCommand.Create(),
        ShowCommand.Create(),
    };

    /// <summary>Parses and runs; a command line that does not parse is invalid input (exit 2).</summary>
    public static async Task<int> InvokeAsync(string[] args)
    {
        var parse = Create().Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var error in parse.Errors)
            {
                await Console.Error.WriteLineAsync(error.Message);
            }

            return ExitCodes.InvalidInput;
        }

        return await parse.InvokeAsync();
    }
}
