using Kpi.Pipeline.Hosting;
using System.CommandLine;
using Kpi.Pipeline.Generation;
using Kpi.Shared;
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
        orders.Validators.Add(result => InRange(result, orders, int.MaxValue));
        rowsPerFile.Validators.Add(result => InRange(result, rowsPerFile, int.MaxValue));
        days.Validators.Add(result => InRange(result, days, MaxDays));

        var command = new Command("generate", "Write a synthetic data set (demo and scale-test data).") { output, orders, seed, rowsPerFile, days };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var folder = parse.GetValue(output)!.FullName;
            var settings = new GeneratorSettings(parse.GetValue(orders), parse.GetValue(seed), parse.GetValue(rowsPerFile), parse.GetValue(days));
            try
            {
                if (File.Exists(folder) || (Directory.Exists(folder) && Directory.EnumerateFileSystemEntries(folder).Any()))
                {
                    await Console.Error.WriteLineAsync(TerminalText.Printable(
                        $"generate: {folder} is {(File.Exists(folder) ? "a file" : "not empty")}; give a new or empty folder, so that no old part file is left beside the new ones."));
                    return ExitCodes.InvalidInput;
                }

                var summary = await DemoDataGenerator.WriteAsync(folder, settings, cancellationToken);
                await Console.Out.WriteLineAsync(
                    $"Wrote {summary.Orders} orders, {summary.Items} order items and {summary.Products} products in {summary.Files} files to {folder}");
                return ExitCodes.Success;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                await Console.Error.WriteLineAsync(TerminalText.Printable($"generate: cannot write to {folder}: {ex.Message}"));
                return ExitCodes.Failure;
            }
        });
        return command;
    }

    /// <summary>The most days the orders may span: their dates stay far inside the contract's (from 2025-03-01).</summary>
    private const int MaxDays = 36_500;

    /// <summary>From 1 to <paramref name="max"/>; a value that is not a number is System.CommandLine's own error.</summary>
    private static void InRange(System.CommandLine.Parsing.OptionResult result, Option<int> option, int max)
    {
        if (result.Tokens is [var token] && int.TryParse(token.Value, System.Globalization.CultureInfo.InvariantCulture, out var value) && (value < 1 || value > max))
        {
            result.AddError(max == int.MaxValue ? $"{option.Name} must be a positive number." : $"{option.Name} must be from 1 to {max}.");
        }
    }
}
