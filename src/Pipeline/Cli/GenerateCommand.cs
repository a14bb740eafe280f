using System.CommandLine;
using Kpi.Pipeline.Generation;
using Kpi.Shared.Runs;

namespace Kpi.Pipeline.Cli;

/// <summary><c>generate</c>: writes a deterministic synthetic data set in the input layout.</summary>
internal static class GenerateCommand
{
    public static Command Create()
    {
        var output = new Option<DirectoryInfo>("--out") { Description = "Folder to write orders/, order_items/ and products.csv into.", Required = true };
        var orders = new Option<int>("--orders") { Description = "Number of orders.", Required = true };
        var seed = new Option<int>("--seed") { Description = "Random seed: the same seed gives the same files.", DefaultValueFactory = _ => 42 };
        var rowsPerFile = new Option<int>("--rows-per-file") { Description = "Rows per part file.", DefaultValueFactory = _ => 25_000 };
        var days = new Option<int>("--days") { Description = "Number of days the orders span.", DefaultValueFactory = _ => 31 };
        orders.Validators.Add(result => Positive(result, orders));
        rowsPerFile.Validators.Add(result => Positive(result, rowsPerFile));
        days.Validators.Add(result => Positive(result, days));

        var command = new Command("generate", "Write a synthetic data set (demo and scale-test data).") { output, orders, seed, rowsPerFile, days };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var settings = new GeneratorSettings(parse.GetValue(orders), parse.GetValue(seed), parse.GetValue(rowsPerFile), parse.GetValue(days));
            var summary = await DemoDataGenerator.WriteAsync(parse.GetValue(output)!.FullName, settings, cancellationToken);
            await Console.Out.WriteLineAsync(
                $"Wrote {summary.Orders} orders, {summary.Items} order items and {summary.Products} products " +
                $"in {summary.Files} files to {parse.GetValue(output)!.FullName}");
            return ExitCodes.Success;
        });
        return command;
    }

    private static void Positive(System.CommandLine.Parsing.OptionResult result, Option<int> option)
    {
        if (result.GetValueOrDefault<int>() <= 0)
        {
            result.AddError($"{option.Name} must be a positive number.");
        }
    }
}
