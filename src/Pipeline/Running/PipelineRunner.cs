using System.Diagnostics;
using System.Runtime.CompilerServices;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Kpi.Pipeline.Engine;
using Kpi.Pipeline.Hosting;
using Kpi.Pipeline.Sources;
using Kpi.Shared.Runs;
using Kpi.Shared.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Kpi.Pipeline.Running;

/// <summary>One run: discover → read → validate → compute → write, with its run record.</summary>
internal sealed class PipelineRunner(
    IOptions<RunRequest> options,
    IAmazonDynamoDB dynamo,
    InputSourceFactory sources,
    IServiceProvider services,
    StopSignals signals,
    TimeProvider time,
    ILogger<PipelineRunner> logger)
{
    /// <summary>
    /// How long a stopped run may spend recording that it failed: with cleanup, well inside the 30 seconds
    /// ECS waits between SIGTERM and SIGKILL.
    /// </summary>
    public static readonly TimeSpan StopRecordTimeout = TimeSpan.FromSeconds(15);

    /// <summary>How long stopped stages may take to stop: with <see cref="StopRecordTimeout"/>, within ECS's 30 s before SIGKILL.</summary>
    public static readonly TimeSpan StageStopTimeout = TimeSpan.FromSeconds(10);

    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var request = options.Value;
        var runs = new DynamoRunStore(dynamo, request.Tables);
        var run = new KpiRun
        {
            RunId = request.RunId,
            Status = RunStatus.Running,
            StartedAt = time.GetUtcNow(),
            Source = request.Source,
            Engine = request.Engine,
        };
        var total = Stopwatch.StartNew();
        var progress = new StrongBox<KpiRun>(run);

        // The input is discovered and read while the run record is set up (two or three DynamoDB calls that
        // would otherwise come first); nothing is recorded or written until the record exists.
        using var stopReading = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var start = Task.Run(() => StartRecordAsync(request, runs, run, cancellationToken), CancellationToken.None);
        var process = Task.Run(() => ProcessAsync(request, runs, progress, start, stopReading.Token), CancellationToken.None);
        if (await start is { } refused)
        {
            // The read stops, and whatever it found matters no more than its staged files (removed on the way out).
            await stopReading.CancelAsync();
            await process.WaitAsync(StageStopTimeout).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            _ = process.Exception;
            return refused;
        }

        logger.RunStarted(run.RunId, run.Source, run.Engine);
        try
        {
            await StagesAsync(process, cancellationToken);
            run = progress.Value! with { Status = RunStatus.Succeeded, FinishedAt = time.GetUtcNow() };
            await runs.UpdateRunningAsync(run, cancellationToken);
            logger.RunSucceeded(run.RunId, total.Elapsed.TotalSeconds);
            return ExitCodes.Success;
        }
        catch (RunConflictException ex)
        {
            // Someone else ended this run (e.g. a monitor that found it stalled): its record stays as they left it.
            logger.RunFailed(ex, run.RunId, ex.Message);
            return ExitCodes.Failure;
        }
        catch (Exception) when (cancellationToken.IsCancellationRequested)
        {
            using var deadline = new CancellationTokenSource(StopRecordTimeout);
            if (run.Status == RunStatus.Succeeded && await IsStoredAsync(runs, run, deadline.Token))
            {
                // The stop came while the success was being recorded, and DynamoDB took it: the run succeeded.
                logger.RunSucceeded(run.RunId, total.Elapsed.TotalSeconds);
                return ExitCodes.Success;
            }

            // The stages have stopped and the source has removed its staged files (await using).
            var reason = CancelReason();
            logger.RunCancelled(run.RunId, reason);
            await SaveFailureAsync(runs, progress.Value!, reason, deadline.Token);
            return ExitCodes.Failure;
        }
        catch (InputException ex)
        {
            logger.RunRejected(run.RunId, ex.Message);
            await SaveFailureAsync(runs, progress.Value!, ex.Message, CancellationToken.None);
            return ExitCodes.InvalidInput;
        }
        catch (Exception ex)
        {
            logger.RunFailed(ex, run.RunId, ex.Message);
            await SaveFailureAsync(runs, progress.Value!, ex.Message, CancellationToken.None);
            return ExitCodes.Failure;
        }
    }

    /// <summary>
    /// The stages' end. Once a stop is asked they get <see cref="StageStopTimeout"/> to stop and remove their staged
    /// files; one blocked in the kernel (a read from a named pipe with no writer, a hung network file system) cannot
    /// be cancelled, and the run is recorded stopped without waiting for it.
    /// </summary>
    private static async Task StagesAsync(Task stages, CancellationToken cancellationToken)
    {
        try
        {
            await stages.WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested && !stages.IsCompleted)
        {
            await stages.WaitAsync(StageStopTimeout).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            throw;
        }
    }

    /// <summary>Creates the tables if asked and takes the run record; null once it is RUNNING, else the exit code (logged).</summary>
    private async Task<int?> StartRecordAsync(RunRequest request, DynamoRunStore runs, KpiRun run, CancellationToken cancellationToken)
    {
        try
        {
            if (request.CreateTables)
            {
                await TableSchemas.EnsureTablesAsync(dynamo, request.Tables, cancellationToken);
                logger.TablesReady(request.Tables.CategoryTable, request.Tables.OrderTable, request.Tables.RunsTable);
            }

            await runs.StartAsync(run, cancellationToken);
            return null;
        }
        catch (RunConflictException ex)
        {
            logger.RunRefused(run.RunId, ex.Message);
            return ExitCodes.InvalidInput;
        }
        catch (ResourceNotFoundException ex)
        {
            logger.RunRecordFailed(ex, run.RunId, $"{ex.Message.TrimEnd('.')}. Create the tables, or run once with --create-tables.");
            return ExitCodes.Failure;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            var reason = CancelReason();
            logger.RunCancelled(run.RunId, reason);
            await EndIfTakenAsync(runs, run, reason);
            return ExitCodes.Failure;
        }
        catch (Exception ex)
        {
            logger.RunRecordFailed(ex, run.RunId, ex.Message);
            return ExitCodes.Failure;
        }
    }

    /// <summary>
    /// A stop while the record was being taken: DynamoDB may have taken it before its answer came. A record that is
    /// this run's (RUNNING, with its start time to the tick) is ended as any stopped run's; one it never took is left.
    /// </summary>
    private async Task EndIfTakenAsync(DynamoRunStore runs, KpiRun run, string reason)
    {
        using var deadline = new CancellationTokenSource(StopRecordTimeout);
        if (await IsStoredAsync(runs, run, deadline.Token))
        {
            await SaveFailureAsync(runs, run, reason, deadline.Token);
        }
    }

    /// <summary>
    /// True when the stored record is this run's (its start time to the tick) in <paramref name="run"/>'s status: a
    /// write whose answer a stop cut off went through. False when it is not, or when it cannot be read (logged).
    /// </summary>
    private async Task<bool> IsStoredAsync(DynamoRunStore runs, KpiRun run, CancellationToken cancellationToken)
    {
        try
        {
            return await runs.GetAsync(run.RunId, cancellationToken) is { } stored && stored.Status == run.Status && stored.StartedAt == run.StartedAt;
        }
        catch (Exception ex)
        {
            logger.RunRecordFailed(ex, run.RunId, ex.Message);
            return false;
        }
    }

    /// <summary>
    /// The stages; <paramref name="progress"/> holds what is known so far, recorded after each stage. Discovery and
    /// the read go on while <paramref name="started"/> takes the run record; the first record update waits for it.
    /// </summary>
    private async Task ProcessAsync(RunRequest request, DynamoRunStore runs, StrongBox<KpiRun> progress, Task<int?> started, CancellationToken cancellationToken)
    {
        var engine = services.GetRequiredKeyedService<IKpiEngine>(request.Engine);
        await using var source = sources.Create(request.Source);

        var stage = Stopwatch.StartNew();
        var input = await source.DiscoverAsync(engine.ReadsLocalFiles, cancellationToken);
        progress.Value = progress.Value! with { ObjectsRead = input.FileCount, BytesRead = input.Bytes };
        logger.Discovered(input.FileCount, input.Bytes, stage.Elapsed.TotalSeconds);

        // The engine closes while the KPIs are written (DuckDB frees gigabytes at 10 M items in a few tenths of a
        // second); however the stages end, it has closed before the source removes its staged files.
        var session = engine.OpenSession(input);
        var closing = Task.CompletedTask;
        try
        {
            KpiResult? kpis;
            try
            {
                kpis = await ReadValidateComputeAsync(session, request, runs, progress, started, cancellationToken);
            }
            finally
            {
                closing = Task.Run(async () => await session.DisposeAsync(), CancellationToken.None);
            }

            if (kpis is not null)
            {
                await WriteKpisAsync(kpis, request, runs, progress, cancellationToken);
            }
        }
        finally
        {
            await closing;
        }
    }

    /// <summary>The engine's stages; null when the run record was refused (nothing is computed then).</summary>
    private async Task<KpiResult?> ReadValidateComputeAsync(
        IKpiSession session, RunRequest request, DynamoRunStore runs, StrongBox<KpiRun> progress, Task<int?> started, CancellationToken cancellationToken)
    {
        var stage = Stopwatch.StartNew();
        var read = await session.ReadAsync(cancellationToken);
        progress.Value = progress.Value! with { Tables = read };
        foreach (var table in read)
        {
            logger.TableRead(table.Table, table.RowsRead, table.Files);
        }

        logger.ReadDone(stage.Elapsed.TotalSeconds);
        if (await started is not null)
        {
            return null;
        }

        await runs.UpdateRunningAsync(progress.Value, cancellationToken);

        stage.Restart();
        var report = await session.ValidateAsync(cancellationToken);
        progress.Value = progress.Value with { Tables = report.Tables, RejectSamples = report.RejectSamples };
        foreach (var table in report.Tables)
        {
            logger.TableValidated(table.Table, table.RowsRejected, table.RowsRead);
        }

        foreach (var sample in report.RejectSamples)
        {
            logger.Rejected(sample);
        }

        InputPolicy.Enforce(report, request.MaxRejectedRatio);
        logger.ValidateDone(stage.Elapsed.TotalSeconds);
        await runs.UpdateRunningAsync(progress.Value, cancellationToken);

        stage.Restart();
        var kpis = await session.ComputeAsync(cancellationToken);
        progress.Value = progress.Value with { UnknownProductItems = kpis.UnknownProductItems, UnknownOrderItems = kpis.UnknownOrderItems };
        logger.Computed(kpis.CategoryKpis.Count, kpis.OrderKpis.Count, kpis.UnknownProductItems, kpis.UnknownOrderItems, stage.Elapsed.TotalSeconds);
        return kpis;
    }

    /// <summary>Writes both KPI tables, recording after each how many items it holds.</summary>
    private async Task WriteKpisAsync(KpiResult kpis, RunRequest request, DynamoRunStore runs, StrongBox<KpiRun> progress, CancellationToken cancellationToken)
    {
        var stage = Stopwatch.StartNew();
        var store = new DynamoKpiStore(dynamo, request.Tables);
        var computedAt = RunItems.FormatTime(time.GetUtcNow());
        var categoryRows = await WriteAsync(
            () => store.WriteCategoryKpisAsync(kpis.CategoryKpis, request.RunId, computedAt, cancellationToken),
            written => progress.Value = progress.Value! with { CategoryRowsWritten = written });
        logger.Written(categoryRows, request.Tables.CategoryTable, stage.Elapsed.TotalSeconds);
        await runs.UpdateRunningAsync(progress.Value!, cancellationToken);

        stage.Restart();
        var orderRows = await WriteAsync(
            () => store.WriteOrderKpisAsync(kpis.OrderKpis, request.RunId, computedAt, cancellationToken),
            written => progress.Value = progress.Value! with { OrderRowsWritten = written });
        logger.Written(orderRows, request.Tables.OrderTable, stage.Elapsed.TotalSeconds);
    }

    /// <summary>Writes one KPI table and records how many items it holds now, also when the write stops part-way.</summary>
    private static async Task<long> WriteAsync(Func<Task<long>> write, Action<long> record)
    {
        try
        {
            var written = await write();
            record(written);
            return written;
        }
        catch (PartialWriteException ex)
        {
            record(ex.Written);
            throw;
        }
    }

    /// <summary>
    /// Records FAILED. Not on the run's token: a cancelled run still records that it failed. The store retries
    /// while DynamoDB is unreachable (<see cref="DynamoRetry"/>); if it stays away longer, the record stays RUNNING.
    /// </summary>
    private async Task SaveFailureAsync(DynamoRunStore runs, KpiRun run, string error, CancellationToken cancellationToken)
    {
        try
        {
            await runs.UpdateRunningAsync(run with { Status = RunStatus.Failed, FinishedAt = time.GetUtcNow(), Error = error }, cancellationToken);
        }
        catch (Exception ex)
        {
            logger.RunRecordFailed(ex, run.RunId, ex.Message);
        }
    }

    private string CancelReason() => $"cancelled ({signals.Signal ?? "stop requested"})";
}
