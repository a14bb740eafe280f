namespace Kpi.Infra.Settings;

/// <summary>The pipeline's Fargate task.</summary>
public sealed record PipelineSettings
{
    /// <summary>Fargate CPU units (1024 = 1 vCPU).</summary>
    public int Cpu { get; init; } = 1024;

    /// <summary>Memory in MiB: a valid Fargate size for <see cref="Cpu"/>. 4 GiB holds millions of rows (see Performance).</summary>
    public int MemoryMiB { get; init; } = 4096;

    /// <summary>KPI_MAX_REJECTED_RATIO; null leaves the pipeline's default (0.01).</summary>
    public string? MaxRejectedRatio { get; init; }

    /// <summary>KPI_ENGINE; <see cref="RunContract.SparkEngine"/> when <see cref="SparkRemoteSecret"/> is set.</summary>
    public string Engine { get; init; } = RunContract.DuckDbEngine;

    /// <summary>
    /// The Secrets Manager secret holding the whole Spark Connect connection string as plain text
    /// (<c>sc://host:15002/;token=...;use_ssl=true</c>): its name or its complete ARN. When set, the pipeline runs
    /// with KPI_ENGINE=spark and gets SPARK_REMOTE from ECS as a container secret; the token never appears in the
    /// template or in the task's environment.
    /// </summary>
    public string? SparkRemoteSecret { get; init; }

    /// <summary>Days the pipeline's logs are kept.</summary>
    public int LogRetentionDays { get; init; } = 30;
}
