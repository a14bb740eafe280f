using Kpi.Shared.Runs;
using Kpi.Shared.Storage;

namespace Kpi.Shared.Tests.Runs;

/// <summary>The run contract: one mapping between a request and the pipeline's environment variables.</summary>
public sealed class RunRequestTests
{
    [Fact]
    public void A_request_survives_the_trip_through_the_environment()
    {
        var request = new RunRequest
        {
            Source = "s3://bucket/Data/",
            Engine = "duckdb",
            RunId = "run-42",
            MaxRejectedRatio = 0.125,
            CreateTables = true,
            Tables = new KpiTableOptions { CategoryTable = "c_t", OrderTable = "o_t", RunsTable = "r_t" },
        };

        var environment = request.ToEnvironment();
        var read = RunRequest.Read(name => environment.GetValueOrDefault(name));

        Assert.Equal("run-42", environment["KPI_RUN_ID"]);
        Assert.Equal("c_t", environment["CATEGORY_KPIS_TABLE"]);
        Assert.Equal(
            (request.Source, request.Engine, request.RunId, request.MaxRejectedRatio, request.CreateTables),
            (read.Source, read.Engine, read.RunId, read.MaxRejectedRatio, read.CreateTables));
        Assert.Equal((request.Tables.CategoryTable, request.Tables.OrderTable, request.Tables.RunsTable), (read.Tables.CategoryTable, read.Tables.OrderTable, read.Tables.RunsTable));
    }

    [Fact]
    public void Unset_variables_keep_the_defaults()
    {
        var read = RunRequest.Read(_ => null);

        Assert.Equal(("", "duckdb", 0.01, false, KpiTableOptions.DefaultRunsTable), (read.Source, read.Engine, read.MaxRejectedRatio, read.CreateTables, read.Tables.RunsTable));
    }

    [Fact]
    public void Every_broken_setting_is_named_with_its_flag_and_variable()
    {
        var read = RunRequest.Read(name => name switch
        {
            "KPI_ENGINE" => "Oracle",
            "KPI_MAX_REJECTED_RATIO" => "lots",
            "KPI_RUNS_TABLE" => "x",
            "KPI_CREATE_TABLES" => "yes",
            _ => null,
        });

        var errors = read.Validate(["duckdb"]);

        Assert.Equal(5, errors.Count);
        Assert.Contains("--create-tables [KPI_CREATE_TABLES] must be true or false (or 1 or 0), got 'yes'.", errors);
        Assert.Contains("--source [KPI_SOURCE] is required: a local folder or s3://bucket/prefix.", errors);
        Assert.Contains("--engine [KPI_ENGINE] must be one of duckdb, got 'oracle'.", errors);
        Assert.Contains("--max-rejected-ratio [KPI_MAX_REJECTED_RATIO] must be a number between 0 and 1 (a point for decimals), got 'lots'.", errors);
        Assert.Contains(errors, e => e.StartsWith("--runs-table [KPI_RUNS_TABLE]: KPI_RUNS_TABLE must be a DynamoDB table name", StringComparison.Ordinal));
    }

    [Fact]
    public void Two_settings_naming_one_table_are_refused_naming_both()
    {
        var read = RunRequest.Read(name => name switch
        {
            "KPI_SOURCE" => "/data",
            "ORDER_KPIS_TABLE" => "category_kpis_table",
            "KPI_RUNS_TABLE" => "category_kpis_table",
            _ => null,
        });

        var errors = read.Validate(["duckdb"]);

        Assert.Equal(
            ["--category-table [CATEGORY_KPIS_TABLE] and --order-table [ORDER_KPIS_TABLE] and --runs-table [KPI_RUNS_TABLE] name the same table 'category_kpis_table'; each needs its own."],
            errors);
    }
}
