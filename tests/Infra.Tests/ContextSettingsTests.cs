using Amazon.CDK;
using Kpi.Infra.Settings;

namespace Kpi.Infra.Tests;

public sealed class ContextSettingsTests
{
    [Fact]
    public void Context_values_override_the_defaults()
    {
        var app = new App(new AppProps
        {
            Context = new Dictionary<string, object>
            {
                ["kpi:sourceBucket"] = "acme-exports",
                ["kpi:sourcePrefix"] = "csv",
                ["kpi:schedule"] = "rate(12 hours)",
                ["kpi:scheduleEnabled"] = "false",
                ["kpi:taskSubnetIds"] = "subnet-1, subnet-2",
                ["kpi:pipelineMemory"] = "8192",
                ["kpi:oidcAuthority"] = "https://login.example.com",
                ["kpi:oidcClientId"] = "kpi",
                ["kpi:oidcClientSecret"] = "kpi/oidc",
                ["kpi:sparkRemoteSecret"] = "kpi/spark-remote",
            },
        });

        var settings = ContextSettings.Read(app.Node);

        Assert.Equal("acme-exports", settings.Source.ExistingBucketName);
        Assert.Equal("csv/", settings.Source.NormalizedPrefix);
        Assert.Equal(new ScheduleSettings { Expression = "rate(12 hours)", Enabled = false }, settings.Schedule);
        Assert.Equal(["subnet-1", "subnet-2"], settings.Network.TaskSubnetIds);
        Assert.Equal(8192, settings.Pipeline.MemoryMiB);
        Assert.Equal(1024, settings.Pipeline.Cpu);
        Assert.Equal("kpi/spark-remote", settings.Pipeline.SparkRemoteSecret);
        Assert.Equal(new OidcSettings { Authority = "https://login.example.com", ClientId = "kpi", ClientSecret = "kpi/oidc" }, settings.Dashboard.Oidc);
    }

    [Theory]
    [InlineData("kpi:pipelineCpu", "one", "kpi:pipelineCpu must be a whole number, got 'one'.")]
    [InlineData("kpi:scheduleEnabled", "yes", "kpi:scheduleEnabled must be true or false, got 'yes'.")]
    [InlineData("kpi:oidcAuthority", "https://login.example.com", "kpi:oidcClientId is required with kpi:oidcAuthority.")]
    public void Invalid_context_names_the_setting(string key, string value, string message)
    {
        var app = new App(new AppProps { Context = new Dictionary<string, object> { [key] = value } });

        Assert.Equal(message, Assert.Throws<ArgumentException>(() => ContextSettings.Read(app.Node)).Message);
    }

    [Fact]
    public void Without_context_the_settings_are_the_defaults()
    {
        var settings = ContextSettings.Read(new App().Node);

        Assert.Null(settings.Source.ExistingBucketName);
        Assert.Equal("Data/", settings.Source.NormalizedPrefix);
        Assert.Null(settings.Network.VpcId);
        Assert.Null(settings.Dashboard.Oidc);
        Assert.Null(settings.Pipeline.SparkRemoteSecret);
        Assert.Equal(new KpiSystemSettings().Tables, settings.Tables);
    }
}
