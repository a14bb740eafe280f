using static Kpi.Infra.Tests.TemplateJson;

namespace Kpi.Infra.Tests;

public sealed class ImagesTests(SynthesizedSystems systems)
{
    [Fact]
    public void Default_images_are_assets_built_from_the_repository_dockerfiles_at_deploy_time()
    {
        var images = systems.Default.Assets["dockerImages"]!.AsObject().Select(image => image.Value!["source"]!).ToList();

        Assert.Equal(["Dockerfile.dashboard", "Dockerfile.pipeline"], images.Select(source => (string)source["dockerFile"]!).Order());
        Assert.All(images, source => Assert.Equal("linux/amd64", (string?)source["platform"]));
    }

    [Fact]
    public void Staged_build_context_holds_the_sources_but_not_tools_tests_or_infra()
    {
        var source = systems.Default.Assets["dockerImages"]!.AsObject().First().Value!["source"]!;
        var context = Path.Combine(systems.Default.Outdir, (string)source["directory"]!);

        Assert.True(File.Exists(Path.Combine(context, "Dockerfile.pipeline")));
        Assert.True(File.Exists(Path.Combine(context, "src", "Shared", "Shared.csproj")));
        Assert.False(Directory.Exists(Path.Combine(context, "infra")));
        Assert.False(Directory.Exists(Path.Combine(context, "tests")));
        Assert.False(Directory.Exists(Path.Combine(context, ".tools")));
        Assert.Empty(Directory.EnumerateDirectories(context, "obj", SearchOption.AllDirectories));
    }

    [Fact]
    public void Images_from_ecr_use_the_given_repositories_and_tags()
    {
        var system = systems.Custom;
        var pipeline = system.Json.Properties(system.LogicalId(system.Stack.Pipeline.TaskDefinition))["ContainerDefinitions"]![0]!;
        var dashboard = system.Json.Properties(system.LogicalId(system.Stack.Dashboard.Service.TaskDefinition))["ContainerDefinitions"]![0]!;

        Assert.EndsWith("/kpi-pipeline:1.4.2", Text(pipeline["Image"]), StringComparison.Ordinal);
        Assert.EndsWith("/kpi-dashboard:1.4.2", Text(dashboard["Image"]), StringComparison.Ordinal);
        Assert.Null(system.Assets["dockerImages"]?.AsObject().FirstOrDefault().Value);
    }
}
