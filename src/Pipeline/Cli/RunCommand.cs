using System.CommandLine;
using System.Globalization;
using Kpi.Pipeline.Engine;
using Kpi.Pipeline.Engine.DuckDb;
using Kpi.Pipeline.Running;
using Kpi.Pipeline.Sources;
using Kpi.Shared.Storage;
using Microsoft.Extensions.Logging;

namespace Kpi.Pipeline.Cli;

/// <summary><c>run</c>: computes the KPIs from the source and writes them to DynamoDB.</summary>
internal static class RunCommand
{
    public static Command Create()
    {
        var source = EnvOption.Text("--source", "KPI_SOURCE", "Input: a local folder or s3://bucket/prefix.");
        var engine = EnvOption.Text("--engine", "KPI_ENGINE", "Engine: duckdb.", DuckDbEngine.EngineName);
        var runId = EnvOption.Text("--run-id", "KPI_RUN_ID", "Run id (default: a new GUID).");
        var ratio = EnvOption.Text("--max-rejected-ratio", "KPI_MAX_REJECTED_RATIO", "Largest share of rejected rows per table.", "0.01");
        var createTables = new Option<bool>("--create-tables") { Description = "Create missing tables (on-demand billing)." };
        var tables = new TableOptions();

        var command = new Command("run", "Compute the KPIs from the source and write them to DynamoDB.");
        command.Options.Add(source);
        command.Options.Add(engine);
        tables.AddTo(command);
        command.Options.Add(runId);
        command.Options.Add(ratio);
        command.Options.Add(createTables);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var ratioText = parse.GetValue(ratio)!;
            var settings = new RunSettings
            {
                Source = parse.GetValue(source)!,
                Engine = parse.GetValue(engine)!.ToLowerInvariant(),
                Tables = tables.Read(parse),
                RunId = parse.GetValue(runId) is { Length: > 0 } id ? id : Guid.NewGuid().ToString(),
                MaxRejectedRatio = double.TryParse(ratioText, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : double.NaN,
                CreateTables = parse.GetValue(createTables),
            };
            var errors = settings.Validate();
            if (errors.Count > 0)
            {
                foreach (var error in errors)
                {
                    await Console.Error.WriteLineAsync($"Invalid setting: {error}");
                }

                return ExitCodes.InvalidInput;
            }

            using var loggers = PipelineLogging.CreateFactory();
            using var dynamo = DynamoDbClientFactory.Create();
            var runner = new PipelineRunner(
                dynamo,
                run => InputSources.Create(run.Source),
                run => CreateEngine(run.Engine),
                TimeProvider.System,
                loggers.CreateLogger<PipelineRunner>());
            return await runner.RunAsync(settings, cancellationToken);
        });
        return command;
    }

    private static IKpiEngine CreateEngine(string name) => name switch
    {
        DuckDbEngine.EngineName => new DuckDbEngine(),
        _ => throw new InputException($"Unknown engine '{name}'."),
    };
}
