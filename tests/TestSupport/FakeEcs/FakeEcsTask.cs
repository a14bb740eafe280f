using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;

namespace Kpi.TestSupport.FakeEcs;

/// <summary>
/// One task of the fake ECS: its container runs as a local process. Moves PROVISIONING → PENDING → RUNNING →
/// STOPPED, or stops without running for a pull error or a StopTask before the container started.
/// </summary>
public sealed class FakeEcsTask
{
    private readonly Lock _lock = new();
    private readonly StringBuilder _output = new();
    private readonly FakeTaskDefinition _definition;
    private readonly IReadOnlyDictionary<string, string> _environment;
    private readonly JsonNode? _overrides;
    private readonly string _clusterArn;
    private readonly string _taskDefinitionArn;
    private readonly string? _startedBy;
    private readonly DateTimeOffset _createdAt;
    private Process? _process;
    private DateTimeOffset? _startedAt;
    private DateTimeOffset? _stoppedAt;

    internal FakeEcsTask(string taskArn, string clusterArn, string taskDefinitionArn, FakeTaskDefinition definition,
        IReadOnlyDictionary<string, string> environment, JsonNode? overrides, string? startedBy, DateTimeOffset createdAt)
    {
        TaskArn = taskArn;
        _clusterArn = clusterArn;
        _taskDefinitionArn = taskDefinitionArn;
        _definition = definition;
        _environment = environment;
        _overrides = overrides?.DeepClone();
        _startedBy = startedBy;
        _createdAt = createdAt;
    }

    public string TaskArn { get; }

    public string LastStatus { get; private set; } = "PROVISIONING";

    public string DesiredStatus { get; private set; } = "RUNNING";

    public string? StopCode { get; private set; }

    public string? StoppedReason { get; private set; }

    public int? ExitCode { get; private set; }

    /// <summary>The container's environment as the process received it (the task definition's plus the overrides).</summary>
    public IReadOnlyDictionary<string, string> Environment => _environment;

    /// <summary>The container process's id once it started.</summary>
    public int? ProcessId { get; private set; }

    /// <summary>What the container wrote to stdout and stderr.</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>Done when the task reached STOPPED.</summary>
    internal Task Stopped => _stopped.Task;

    private readonly TaskCompletionSource _stopped = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>The lifecycle; the pauses only let a poller see the intermediate statuses, nothing waits on them.</summary>
    internal async Task RunAsync(TimeProvider time)
    {
        try
        {
            await Task.Delay(TimeSpan.FromMilliseconds(100));
            lock (_lock)
            {
                if (DesiredStatus == "STOPPED")
                {
                    Stop(time, null, null);
                    return;
                }

                LastStatus = "PENDING";
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100));
            Process process;
            lock (_lock)
            {
                if (DesiredStatus == "STOPPED")
                {
                    Stop(time, null, null);
                    return;
                }

                if (_definition.PullError is { } pullError)
                {
                    Stop(time, "TaskFailedToStart", pullError);
                    return;
                }

                try
                {
                    process = Start();
                }
                catch (Exception ex) when (ex is System.ComponentModel.Win32Exception or InvalidOperationException)
                {
                    Stop(time, "TaskFailedToStart", $"CannotStartContainerError: {ex.Message}");
                    return;
                }

                _process = process;
                ProcessId = process.Id;
                _startedAt = time.GetUtcNow();
                LastStatus = "RUNNING";
            }

            await process.WaitForExitAsync();
            lock (_lock)
            {
                ExitCode = process.ExitCode;
                Stop(time, StopCode ?? "EssentialContainerExited", StoppedReason ?? "Essential container in task exited");
            }
        }
        finally
        {
            _stopped.TrySetResult();
        }
    }

    /// <summary>StopTask: desired status STOPPED, the container killed (exit code 137, as SIGKILL) if it runs.</summary>
    internal void RequestStop(string reason)
    {
        lock (_lock)
        {
            if (LastStatus == "STOPPED")
            {
                return;
            }

            DesiredStatus = "STOPPED";
            StopCode = "UserInitiated";
            StoppedReason = reason;
            if (_process is { HasExited: false } process)
            {
                LastStatus = "DEACTIVATING";
                process.Kill(entireProcessTree: true);
            }
        }
    }

    internal void Kill()
    {
        lock (_lock)
        {
            if (_process is { HasExited: false } process)
            {
                process.Kill(entireProcessTree: true);
            }
        }
    }

    internal JsonObject ToJson()
    {
        lock (_lock)
        {
            var container = new JsonObject
            {
                ["containerArn"] = TaskArn.Replace(":task/", ":container/", StringComparison.Ordinal) + "/" + _definition.ContainerName,
                ["taskArn"] = TaskArn,
                ["name"] = _definition.ContainerName,
                ["lastStatus"] = LastStatus == "STOPPED" ? "STOPPED" : LastStatus == "RUNNING" ? "RUNNING" : "PENDING",
            };
            if (ExitCode is { } exitCode)
            {
                container["exitCode"] = exitCode;
            }

            if (StopCode == "TaskFailedToStart" && StoppedReason is not null)
            {
                container["reason"] = StoppedReason;
            }

            var task = new JsonObject
            {
                ["taskArn"] = TaskArn,
                ["clusterArn"] = _clusterArn,
                ["taskDefinitionArn"] = _taskDefinitionArn,
                ["launchType"] = "FARGATE",
                ["lastStatus"] = LastStatus,
                ["desiredStatus"] = DesiredStatus,
                ["createdAt"] = Seconds(_createdAt),
                ["containers"] = new JsonArray(container),
            };
            Add(task, "startedBy", _startedBy);
            Add(task, "overrides", _overrides?.DeepClone());
            Add(task, "startedAt", _startedAt is { } started ? Seconds(started) : null);
            Add(task, "stoppedAt", _stoppedAt is { } stopped ? Seconds(stopped) : null);
            Add(task, "stopCode", StopCode);
            Add(task, "stoppedReason", StoppedReason);
            return task;
        }
    }

    private Process Start()
    {
        var start = new ProcessStartInfo(_definition.FileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in _definition.Arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // The process inherits this machine's environment (PATH, DOTNET_ROOT...) under the container's own.
        foreach (var (name, value) in _environment)
        {
            start.Environment[name] = value;
        }

        var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private void Stop(TimeProvider time, string? stopCode, string? stoppedReason)
    {
        LastStatus = "STOPPED";
        DesiredStatus = "STOPPED";
        StopCode = stopCode ?? StopCode;
        StoppedReason = stoppedReason ?? StoppedReason;
        _stoppedAt = time.GetUtcNow();
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }

    private static double Seconds(DateTimeOffset at) => at.ToUnixTimeMilliseconds() / 1000.0;

    private static void Add(JsonObject json, string name, JsonNode? value)
    {
        if (value is not null)
        {
            json[name] = value;
        }
    }
}
