using System.Diagnostics;
using System.Runtime.CompilerServices;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Kpi.Pipeline.Cli;
using Kpi.Pipeline.Engine;
using Kpi.Pipeline.Sources;
using Kpi.Shared.Runs;
using Kpi.Shared.Storage;
using Microsoft.Extensions.Logging;

namespace Kpi.Pipeline.Running;

/// <summary>One run: discover → read → validate → compute → write, with its run record.</summary>
internal sealed class PipelineRunner(
    IAmazonDynamoDB dynamo,
    Func<RunSettings, IInputSource> sources,
    Func<RunSettings, IKpiEngine> engines,
    TimeProvider time,
    ILogger<PipelineRunner> logger)
{
    public async Task<int> RunAsync(RunSettings settings, CancellationToken cancellationToken)
    {
        var runs = new DynamoRunStore(dynamo, settings.Tables);
        var run = new KpiRun
        {
            RunId = settings.RunId,
            Status = RunStatus.Running,
            StartedAt = time.GetUtcNow(),
            Source = settings.Source,
            Engine = settings.Engine,
        };
        var total = Stopwatch.StartNew();
        try
        {
            if (settings.CreateTables)
            {
                await TableSchemas.EnsureTablesAsync(dynamo, settings.Tables, cancellationToken);
                logger.TablesReady(settings.Tables.CategoryTable, settings.Tables.OrderTable, settings.Tables.RunsTable);
            }

            await runs.SaveAsync(run, cancellationToken);
        }
        catch (ResourceNotFoundException ex)
        {
            logger.RunRecordFailed(ex, run.RunId, $"{ex.Message} Create the tables, or run once with --create-tables.");
            return ExitCodes.Failure;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.RunRecordFailed(ex, run.RunId, ex.Message);
            return ExitCodes.Failure;
        }

        logger.RunStarted(run.RunId, run.Source, run.Engine);
        var progress = new StrongBox<KpiRun>(run);
        try
        {
            await ProcessAsync(settings, progress, cancellationToken);
            run = progress.Value! with { Status = RunStatus.Succeeded, FinishedAt = time.GetUtcNow() };
            await runs.SaveAsync(run, cancellationToken);
            logger.RunSucceeded(run.RunId, total.Elapsed.TotalSeconds);
            return ExitCodes.Success;
        }
        catch (InputException ex)
        {
            logger.RunRejected(run.RunId, ex.Message);
            await SaveFailureAsync(runs, progress.Value!, ex.Message);
            return ExitCodes.InvalidInput;
        }
        catch (Exception ex)
        {
            logger.RunFailed(ex, run.RunId, ex.Message);
            await SaveFailureAsync(runs, progress.Value!, ex.Message);
            return ExitCodes.Failure;
        }
    }

    /// <summary>The stages; <paramref name="progress"/> holds what is known so far, for the record of a failed run too.</summary>
    private async Task ProcessAsync(RunSettings settings, StrongBox<KpiRun> progress, CancellationToken cancellationToken)
    {
        await using var source = sources(settings);
        await using var engine = engines(settings);

        var stage = Stopwatch.StartNew();
        var input = await source.DiscoverAsync(cancellationToken);
        progress.Value = progress.Value! with { ObjectsRead = input.FileCount, BytesRead = input.Bytes };
        logger.Discovered(input.FileCount, input.Bytes, stage.Elapsed.TotalSeconds);

        stage.Restart();
        var read = await engine.ReadAsync(input, cancellationToken);
        progress.Value = progress.Value with { Tables = read };
        foreach (var table in read)
        {
            logger.TableRead(table.Table, table.RowsRead, table.Files);
        }

        logger.ReadDone(stage.Elapsed.TotalSeconds);

        stage.Restart();
        var report = await engine.ValidateAsync(cancellationToken);
        progress.Value = progress.Value with { Tables = report.Tables, RejectSamples = report.RejectSamples };
        foreach (var table in report.Tables)
        {
            logger.TableValidated(table.Table, table.RowsRejected, table.RowsRead);
        }

        foreach (var sample in report.RejectSamples)
        {
            logger.Rejected(sample.ToString());
        }

        InputPolicy.Enforce(report, settings.MaxRejectedRatio);
        logger.ValidateDone(stage.Elapsed.TotalSeconds);

        stage.Restart();
        var kpis = await engine.ComputeAsync(cancellationToken);
        progress.Value = progress.Value with { UnknownProductItems = kpis.UnknownProductItems, UnknownOrderItems = kpis.UnknownOrderItems };
        logger.Computed(kpis.CategoryKpis.Count, kpis.OrderKpis.Count, kpis.UnknownProductItems, kpis.UnknownOrderItems, stage.Elapsed.TotalSeconds);

        var store = new DynamoKpiStore(dynamo, settings.Tables);
        var computedAt = RunItems.FormatTime(time.GetUtcNow());
        stage.Restart();
        var categoryRows = await store.WriteCategoryKpisAsync(kpis.CategoryKpis, settings.RunId, computedAt, cancellationToken);
        logger.Written(categoryRows, settings.Tables.CategoryTable, stage.Elapsed.TotalSeconds);
        progress.Value = progress.Value with { CategoryRowsWritten = categoryRows };

        stage.Restart();
        var orderRows = await store.WriteOrderKpisAsync(kpis.OrderKpis, settings.RunId, computedAt, cancellationToken);
        logger.Written(orderRows, settings.Tables.OrderTable, stage.Elapsed.TotalSeconds);
        progress.Value = progress.Value with { OrderRowsWritten = orderRows };
    }

    private async Task SaveFailureAsync(DynamoRunStore runs, KpiRun run, string error)
    {
        try
        {
            // Not the run's token: a cancelled run still records that it failed.
            await runs.SaveAsync(run with { Status = RunStatus.Failed, FinishedAt = time.GetUtcNow(), Error = error }, CancellationToken.None);
        }
        catch (Exception ex)
        {
            logger.RunRecordFailed(ex, run.RunId, ex.Message);
        }
    }
}
