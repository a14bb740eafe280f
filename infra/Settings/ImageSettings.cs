namespace Kpi.Infra.Settings;

/// <summary>
/// The two images. By default both are built by <c>cdk deploy</c> from Dockerfile.pipeline and
/// Dockerfile.dashboard (image assets; synth only stages them and needs no Docker); set a repository and
/// tag to run images pushed to ECR instead.
/// </summary>
public sealed record ImageSettings
{
    /// <summary>The build context of the image assets: the repository root, where both Dockerfiles are.</summary>
    public string? BuildContext { get; init; }

    /// <summary>An ECR repository (name, same account and region) holding the pipeline image; null builds it.</summary>
    public string? PipelineRepository { get; init; }

    public string PipelineTag { get; init; } = "latest";

    /// <summary>An ECR repository (name, same account and region) holding the dashboard image; null builds it.</summary>
    public string? DashboardRepository { get; init; }

    public string DashboardTag { get; init; } = "latest";
}
