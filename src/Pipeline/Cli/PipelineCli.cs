using Kpi.Pipeline.Hosting;
using System.CommandLine;
using Kpi.Shared;
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
                await Console.Error.WriteLineAsync(TerminalText.Printable(error.Message));
            }

            return ExitCodes.InvalidInput;
        }

        // No termination handling by System.CommandLine: it would end the process two seconds after a SIGTERM.
        // `run` handles SIGTERM, SIGINT, SIGQUIT and SIGHUP itself (StopSignals); the other commands stop as the signal says.
        return await parse.InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = null });
    }
}
