using System.ComponentModel.DataAnnotations;

namespace Kpi.Dashboard.Runs;

/// <summary>How Run now starts the pipeline: configuration section <c>Launcher</c> (variables <c>Launcher__*</c>).</summary>
public sealed class LauncherOptions
{
    public const string Section = "Launcher";

    /// <summary><c>Local</c> (a child process, the default) or <c>Ecs</c> (an ECS Fargate task).</summary>
    public LauncherMode Mode { get; set; } = LauncherMode.Local;

    /// <summary>A run still unfinished after this long is stopped and recorded FAILED.</summary>
    [Range(1, 24 * 60, ErrorMessage = "Launcher__TimeoutMinutes must be between 1 and 1440.")]
    public int TimeoutMinutes { get; set; } = 60;

    /// <summary>How often the run monitor looks at the active run (its record, and the process or task).</summary>
    [Range(1, 300, ErrorMessage = "Launcher__PollSeconds must be between 1 and 300.")]
    public int PollSeconds { get; set; } = 2;

    public LocalLauncherOptions Local { get; set; } = new();
}

public enum LauncherMode
{
    Local,
    Ecs,
}

public sealed class LocalLauncherOptions
{
    /// <summary>The pipeline to start: <c>Kpi.Pipeline.dll</c> (run with <c>dotnet</c>) or an executable; default: this checkout's build.</summary>
    public string? PipelinePath { get; set; }
}
