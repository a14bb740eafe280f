using System.Diagnostics;
using System.Text.Json.Nodes;

namespace Kpi.Infra.Tests;

/// <summary>The app as a user runs it: <c>cdk synth</c> (npm aws-cdk, installed by scripts/test.sh) in infra/.</summary>
public sealed class CdkCliTests(SynthesizedSystems systems)
{
    [Fact]
    public async Task Cdk_synth_runs_the_app_of_cdk_json_without_docker()
    {
        var root = RepositoryRoot();
        var cdk = Path.Combine(root, ".tools", "aws-cdk", "node_modules", ".bin", "cdk");
        if (!File.Exists(cdk))
        {
            Assert.Skip($"{cdk} is missing: scripts/test.sh installs it.");
        }

        var outdir = Directory.CreateTempSubdirectory("kpi-cdk-cli-").FullName;
        try
        {
            var start = new ProcessStartInfo(cdk, ["synth", "--no-notices", "--quiet", "--output", outdir])
            {
                WorkingDirectory = Path.Combine(root, "infra"),
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            start.Environment["CDK_DISABLE_CLI_TELEMETRY"] = "true";
            start.Environment["JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION"] = "1";
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
            var error = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
            await process.WaitForExitAsync(TestContext.Current.CancellationToken);
            Assert.True(process.ExitCode == 0, $"cdk synth exited {process.ExitCode}:\n{await output}\n{await error}");

            var template = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(outdir, "Kpi.template.json"), TestContext.Current.CancellationToken))!;
            // The CLI adds its version-reporting resource; the rest is the app's own.
            Assert.Equal(
                systems.Default.Json.Root["Resources"]!.AsObject().Select(resource => resource.Key).Order(),
                template["Resources"]!.AsObject()
                    .Where(resource => (string?)resource.Value!["Type"] != "AWS::CDK::Metadata")
                    .Select(resource => resource.Key).Order());
        }
        finally
        {
            Directory.Delete(outdir, recursive: true);
        }
    }

    private static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "infra", "cdk.json")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException($"No infra/cdk.json above {AppContext.BaseDirectory}.");
    }
}
