using System.CommandLine;
using Kpi.Pipeline.Hosting;
using Kpi.Pipeline.Running;
using Kpi.Shared;
using Kpi.Shared.Runs;
using Microsoft.Extensions.DependencyInjection;

namespace Kpi.Pipeline.Cli;

/// <summary><c>run</c>: computes the KPIs from the source and writes them to DynamoDB.</summary>
internal static class RunCommand
{
    public static Command Create()
    {
        var flags = new SettingFlags();
        flags.Add("--source", RunRequest.SourceVariable, "Input: a local folder or s3://bucket/prefix.");
        flags.Add("--engine", RunRequest.EngineVariable, $"Engine (default {RunRequest.DefaultEngine}).");
        flags.Add("--spark-remote", RunRequest.SparkRemoteVariable, "Spark Connect server of --engine spark: sc://host:15002/;token=...;use_ssl=true.");
        flags.AddTables();
        flags.Add("--run-id", RunRequest.RunIdVariable, "Run id (default: a new GUID); a PENDING record with this id is taken over.");
        flags.Add("--max-rejected-ratio", RunRequest.MaxRejectedRatioVariable, $"Largest share of rejected rows per table (default {RunRequest.DefaultMaxRejectedRatio}).");
        var createTables = new Option<bool>("--create-tables") { Description = $"Create missing tables (on-demand billing). [{RunRequest.CreateTablesVariable}]" };

        var command = new Command("run", "Compute the KPIs from the source and write them to DynamoDB.");
        flags.AddTo(command);
        command.Options.Add(createTables);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var settings = flags.Read(parse);
            // Given, the flag wins over the variable either way (--create-tables false turns it off).
            if (parse.GetResult(createTables) is { Implicit: false })
            {
                settings[RunRequest.CreateTablesVariable] = parse.GetValue(createTables) ? "true" : "false";
            }

            using var host = PipelineHost.Build(settings, services => services.AddRunServices());

            // The run stops on the signals it handles itself, listening from before the host starts.
            var signals = host.Services.GetRequiredService<StopSignals>();
            if (await PipelineHost.StartAsync(host, cancellationToken) is { } invalid)
            {
                return invalid;
            }

            PipelineRunner runner;
            try
            {
                runner = host.Services.GetRequiredService<PipelineRunner>();
            }
            catch (Amazon.Runtime.AmazonClientException ex)
            {
                // E.g. no credentials anywhere in the SDK's default chain: its message lists where it looked.
                await Console.Error.WriteLineAsync(TerminalText.Printable($"Cannot set up the AWS clients: {ex.Message}"));
                return ExitCodes.InvalidInput;
            }

            using var run = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, signals.Token);
            return await runner.RunAsync(run.Token);
        });
        return command;
    }
}
