using Kpi.Dashboard.Runs;
using Kpi.Shared.Runs;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Kpi.Dashboard.Tests.Runs;

/// <summary>The run settings Run now sends are checked when the dashboard starts, each error naming its variable.</summary>
public sealed class RunSettingsTests
{
    [Fact]
    public void Start_up_fails_naming_an_unknown_engine_and_a_ratio_that_is_not_a_number()
    {
        var error = Assert.Throws<OptionsValidationException>(() => Start(new()
        {
            [RunRequest.SourceVariable] = "s3://bucket/Data/",
            [RunRequest.EngineVariable] = "sprak",
            [RunRequest.MaxRejectedRatioVariable] = "abc",
        }));

        Assert.Contains(error.Failures, f => f.Contains("[KPI_ENGINE] must be one of duckdb, spark, got 'sprak'", StringComparison.Ordinal));
        Assert.Contains(error.Failures, f => f.Contains("[KPI_MAX_REJECTED_RATIO] must be a number between 0 and 1 (a point for decimals), got 'abc'", StringComparison.Ordinal));
        Assert.Equal(2, error.Failures.Count());
    }

    [Theory]
    [InlineData(null, "sprak")]
    [InlineData("s3://bucket/Data/", "spark")]
    [InlineData("/data/ecommerce", null)]
    public void Start_up_takes_valid_run_settings_and_ignores_them_without_a_source(string? source, string? engine) =>
        Start(new() { [RunRequest.SourceVariable] = source, [RunRequest.EngineVariable] = engine, [RunRequest.MaxRejectedRatioVariable] = "0.05" });

    private static void Start(Dictionary<string, string?> settings)
    {
        // An existing file as the local pipeline, so that only the run settings are judged.
        settings["Launcher:Local:PipelinePath"] = "/bin/sh";
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        using var services = new ServiceCollection().AddLogging().AddSingleton<IConfiguration>(configuration).AddRunLaunching(configuration).BuildServiceProvider();
        services.GetRequiredService<IStartupValidator>().Validate();
    }
}
