using System.Globalization;
using Amazon.DynamoDBv2.Model;
using Kpi.Shared.Runs;

namespace Kpi.Shared.Storage;

/// <summary>The one mapping between <see cref="KpiRun"/> and its DynamoDB item.</summary>
public static class RunItems
{
    private const int MaxTextLength = 2000;

    public static Dictionary<string, AttributeValue> ToItem(KpiRun run)
    {
        var item = new Dictionary<string, AttributeValue>
        {
            [RunAttributes.RunId] = new() { S = run.RunId },
            [RunAttributes.Kind] = new() { S = RunAttributes.KindValue },
            [RunAttributes.Status] = new() { S = run.Status.ToStoredName() },
            [RunAttributes.StartedAt] = new() { S = FormatTime(run.StartedAt) },
            [RunAttributes.Source] = new() { S = run.Source },
            [RunAttributes.Engine] = new() { S = run.Engine },
            [RunAttributes.Tables] = new() { L = [.. run.Tables.Select(TableItem)] },
            [RunAttributes.RejectSamples] = new() { L = [.. run.RejectSamples.Select(SampleItem)] },
            [RunAttributes.UnknownProductItems] = DynamoNumbers.Of(run.UnknownProductItems),
            [RunAttributes.UnknownOrderItems] = DynamoNumbers.Of(run.UnknownOrderItems),
            [RunAttributes.CategoryRowsWritten] = DynamoNumbers.Of(run.CategoryRowsWritten),
            [RunAttributes.OrderRowsWritten] = DynamoNumbers.Of(run.OrderRowsWritten),
            [RunAttributes.ObjectsRead] = DynamoNumbers.Of(run.ObjectsRead),
            [RunAttributes.BytesRead] = DynamoNumbers.Of(run.BytesRead),
        };
        if (run.FinishedAt is { } finished)
        {
            item[RunAttributes.FinishedAt] = new() { S = FormatTime(finished) };
        }

        if (!string.IsNullOrEmpty(run.Error))
        {
            item[RunAttributes.Error] = new() { S = Truncate(run.Error) };
        }

        if (run.Trigger is { } trigger)
        {
            item[RunAttributes.Trigger] = new() { S = trigger };
        }

        if (run.RequestedBy is { } requestedBy)
        {
            item[RunAttributes.RequestedBy] = new() { S = Truncate(requestedBy) };
        }

        if (run.Launch is { } launch)
        {
            item[RunAttributes.Launch] = LaunchItem(launch);
        }

        return item;
    }

    public static KpiRun FromItem(Dictionary<string, AttributeValue> item) => new()
    {
        RunId = item[RunAttributes.RunId].S,
        Status = Enum.Parse<RunStatus>(item[RunAttributes.Status].S, ignoreCase: true),
        StartedAt = ParseTime(item[RunAttributes.StartedAt].S),
        FinishedAt = item.TryGetValue(RunAttributes.FinishedAt, out var finished) ? ParseTime(finished.S) : null,
        Source = Text(item, RunAttributes.Source) ?? "",
        Engine = Text(item, RunAttributes.Engine) ?? "",
        Tables = [.. List(item, RunAttributes.Tables).Select(value => TableFrom(value.M))],
        RejectSamples = [.. List(item, RunAttributes.RejectSamples).Select(value => SampleFrom(value.M))],
        UnknownProductItems = DynamoNumbers.LongOrZero(item, RunAttributes.UnknownProductItems),
        UnknownOrderItems = DynamoNumbers.LongOrZero(item, RunAttributes.UnknownOrderItems),
        CategoryRowsWritten = DynamoNumbers.LongOrZero(item, RunAttributes.CategoryRowsWritten),
        OrderRowsWritten = DynamoNumbers.LongOrZero(item, RunAttributes.OrderRowsWritten),
        ObjectsRead = DynamoNumbers.LongOrZero(item, RunAttributes.ObjectsRead),
        BytesRead = DynamoNumbers.LongOrZero(item, RunAttributes.BytesRead),
        Error = Text(item, RunAttributes.Error),
        Trigger = Text(item, RunAttributes.Trigger),
        RequestedBy = Text(item, RunAttributes.RequestedBy),
        Launch = item.TryGetValue(RunAttributes.Launch, out var launch) && launch.M is { } map ? LaunchFrom(map) : null,
    };

    /// <summary>The launch attribute alone, for a launcher's update that leaves the pipeline's attributes as they are.</summary>
    public static AttributeValue LaunchItem(RunLaunch launch)
    {
        var map = new Dictionary<string, AttributeValue> { [RunAttributes.Launcher] = new() { S = launch.Launcher } };
        if (launch.TaskArn is { } arn)
        {
            map[RunAttributes.TaskArn] = new() { S = arn };
        }

        if (launch.LastStatus is { } status)
        {
            map[RunAttributes.LastStatus] = new() { S = status };
        }

        if (launch.ExitCode is { } exitCode)
        {
            map[RunAttributes.ExitCode] = DynamoNumbers.Of(exitCode);
        }

        if (!string.IsNullOrEmpty(launch.StoppedReason))
        {
            map[RunAttributes.StoppedReason] = new() { S = Truncate(launch.StoppedReason) };
        }

        return new AttributeValue { M = map };
    }

    private static RunLaunch LaunchFrom(Dictionary<string, AttributeValue> map) => new(
        Text(map, RunAttributes.Launcher) ?? "",
        Text(map, RunAttributes.TaskArn),
        Text(map, RunAttributes.LastStatus),
        map.TryGetValue(RunAttributes.ExitCode, out var exitCode) && exitCode.N is not null ? (int)DynamoNumbers.LongOrZero(map, RunAttributes.ExitCode) : null,
        Text(map, RunAttributes.StoppedReason));

    /// <summary>UTC with a fixed width, so that string order is time order in the index.</summary>
    public static string FormatTime(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

    public static DateTimeOffset ParseTime(string text) =>
        DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);

    private static AttributeValue TableItem(TableInputStats stats) => new()
    {
        M = new()
        {
            [RunAttributes.Table] = new() { S = stats.Table },
            [RunAttributes.Files] = DynamoNumbers.Of(stats.Files),
            [RunAttributes.RowsRead] = DynamoNumbers.Of(stats.RowsRead),
            [RunAttributes.RowsRejected] = DynamoNumbers.Of(stats.RowsRejected),
        },
    };

    private static TableInputStats TableFrom(Dictionary<string, AttributeValue> map) => new(
        map[RunAttributes.Table].S,
        (int)DynamoNumbers.LongOrZero(map, RunAttributes.Files),
        DynamoNumbers.LongOrZero(map, RunAttributes.RowsRead),
        DynamoNumbers.LongOrZero(map, RunAttributes.RowsRejected));

    private static AttributeValue SampleItem(RejectSample sample)
    {
        var map = new Dictionary<string, AttributeValue>
        {
            [RunAttributes.Table] = new() { S = sample.Table },
            [RunAttributes.File] = new() { S = sample.File },
            [RunAttributes.Column] = new() { S = sample.Column },
            [RunAttributes.Reason] = new() { S = sample.Reason },
        };
        if (sample.Line is { } line)
        {
            map[RunAttributes.Line] = DynamoNumbers.Of(line);
        }

        if (!string.IsNullOrEmpty(sample.Value))
        {
            map[RunAttributes.Value] = new() { S = Truncate(sample.Value) };
        }

        return new AttributeValue { M = map };
    }

    private static RejectSample SampleFrom(Dictionary<string, AttributeValue> map) => new(
        map[RunAttributes.Table].S,
        map[RunAttributes.File].S,
        LineFrom(map),
        map[RunAttributes.Column].S,
        Text(map, RunAttributes.Value),
        map[RunAttributes.Reason].S);

    /// <summary>Absent when the engine did not know the line; 0 is how earlier Spark runs wrote that, never a real line.</summary>
    private static long? LineFrom(Dictionary<string, AttributeValue> map) =>
        DynamoNumbers.LongOrZero(map, RunAttributes.Line) is var line and > 0 ? line : null;

    // SDK v4 returns null, not an empty list, for an absent collection.
    private static List<AttributeValue> List(Dictionary<string, AttributeValue> item, string name) =>
        item.TryGetValue(name, out var value) ? value.L ?? [] : [];

    private static string? Text(Dictionary<string, AttributeValue> item, string name) =>
        item.TryGetValue(name, out var value) ? value.S : null;

    private static string Truncate(string text) => text.Length <= MaxTextLength ? text : text[..MaxTextLength] + "…";
}
