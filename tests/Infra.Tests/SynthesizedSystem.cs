using System.Text.Json.Nodes;
using Amazon.CDK;
using Amazon.CDK.Assertions;
using Constructs;
using Kpi.Infra.Settings;

namespace Kpi.Infra.Tests;

/// <summary>One stack synthesized into a temporary cloud assembly, as a CDK Template and as plain JSON.</summary>
public sealed class SynthesizedSystem : IDisposable
{

    public SynthesizedSystem(KpiSystemSettings settings)
    {
        var app = new App(new AppProps { Outdir = Outdir });
        Stack = new KpiStack(app, "Kpi", settings);
        Template = Template.FromStack(Stack);
        Json = new TemplateJson(JsonNode.Parse(File.ReadAllText(Path.Combine(Outdir, Stack.TemplateFile)))!.AsObject());
        Assets = JsonNode.Parse(File.ReadAllText(Path.Combine(Outdir, $"{Stack.ArtifactId}.assets.json")))!.AsObject();
    }

    /// <summary>The cloud assembly folder (CDK's cdk.out).</summary>
    public string Outdir { get; } = Directory.CreateTempSubdirectory("kpi-infra-tests-").FullName;

    public KpiStack Stack { get; }

    public Template Template { get; }

    public TemplateJson Json { get; }

    /// <summary>The asset manifest: what <c>cdk deploy</c> builds and publishes.</summary>
    public JsonObject Assets { get; }

    public string LogicalId(IConstruct construct) => Stack.GetLogicalId((CfnElement)construct.Node.DefaultChild!);

    public void Dispose() => Directory.Delete(Outdir, recursive: true);
}
