using Amazon.CDK.AWS.ECR;
using Amazon.CDK.AWS.Ecr.Assets;
using Amazon.CDK.AWS.ECS;
using Constructs;
using Kpi.Infra.Settings;

namespace Kpi.Infra.Parts;

/// <summary>The pipeline and dashboard images: image assets built from the repository's Dockerfiles, or tags in ECR.</summary>
public static class Images
{
    public const string PipelineDockerfile = "Dockerfile.pipeline";
    public const string DashboardDockerfile = "Dockerfile.dashboard";

    // The Dockerfiles copy only the root build files and src/; .dockerignore adds its own rules.
    private static readonly string[] NotInContext = [".git", ".tools", ".demo", "artifacts", "infra", "tests", "scripts", ".ci", "**/cdk.out", "**/node_modules", "**/bin", "**/obj"];

    public static ContainerImage Pipeline(Construct scope, ImageSettings settings) =>
        Image(scope, "PipelineRepository", settings.PipelineRepository, settings.PipelineTag, PipelineDockerfile, settings);

    public static ContainerImage Dashboard(Construct scope, ImageSettings settings) =>
        Image(scope, "DashboardRepository", settings.DashboardRepository, settings.DashboardTag, DashboardDockerfile, settings);

    /// <summary>The nearest folder at or above the working directory (or this assembly) that holds both Dockerfiles.</summary>
    public static string FindBuildContext()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var folder = new DirectoryInfo(start); folder is not null; folder = folder.Parent)
            {
                if (File.Exists(Path.Combine(folder.FullName, PipelineDockerfile)) && File.Exists(Path.Combine(folder.FullName, DashboardDockerfile)))
                {
                    return folder.FullName;
                }
            }
        }

        throw new InvalidOperationException($"No folder with {PipelineDockerfile} and {DashboardDockerfile} above {Directory.GetCurrentDirectory()}: set Images.BuildContext.");
    }

    private static ContainerImage Image(Construct scope, string id, string? repository, string tag, string dockerfile, ImageSettings settings) =>
        repository is { Length: > 0 }
            ? ContainerImage.FromEcrRepository(Repository.FromRepositoryName(scope, id, repository), tag)
            : ContainerImage.FromAsset(settings.BuildContext ?? FindBuildContext(), new AssetImageProps
            {
                File = dockerfile,
                Exclude = NotInContext,
                Platform = Platform_.LINUX_AMD64,
            });
}
