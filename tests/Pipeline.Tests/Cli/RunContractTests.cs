using System.Text.Json;
using Kpi.Pipeline.Tests.Engine;
using Kpi.Shared.Runs;
using Kpi.Shared.Storage;
using Kpi.TestSupport;

namespace Kpi.Pipeline.Tests.Cli;

/// <summary>The pipeline process and the run contract: run records it may and may not take, settings, structured logs.</summary>
[Trait(PublishedPipeline.Trait, PublishedPipeline.TraitValue)]
public sealed class RunContractTests(DynamoDbLocal dynamo)
{
    private const string Orders = "order_id,user_id,created_at\n1,10,2024-03-20T09:00:00\n2,11,2024-03-20T10:00:00\n";

    private const string Items = "id,order_id,product_id,status,created_at,sale_price\n1,1,1,returned,2024-03-20T09:00:00,10.10\n";

    [Fact]
    public async Task A_pending_record_written_by_a_launcher_is_taken_over_and_finished()
    {
        using var folder = Fixture.Write(Orders, Items);
        var tables = await dynamo.CreateTablesAsync();
        using var client = dynamo.CreateClient();
        var runs = new DynamoRunStore(client, tables);
        var request = new RunRequest { Source = folder.Path, RunId = "launched-1", Tables = tables };
        await runs.CreateAsync(
            new KpiRun { RunId = request.RunId, Status = RunStatus.Pending, StartedAt = DateTimeOffset.UtcNow, Source = request.Source, Engine = request.Engine },
            CancellationToken.None);

        // Exactly what a launcher hands the process: the request's environment, no flags.
        var (exitCode, output) = await PipelineProcess.RunAsync(
            new Dictionary<string, string>(dynamo.Environment).Concat(request.ToEnvironment()).ToDictionary(),
            ["run"]);

        Assert.True(exitCode == 0, output);
        var run = await runs.GetAsync("launched-1", CancellationToken.None);
        Assert.Equal((RunStatus.Succeeded, 1L), (run!.Status, run.CategoryRowsWritten));
    }

    // The input is read while the run record is being taken: whatever the read finds, a refused run stays refused.
    [Theory]
    [InlineData(RunStatus.Succeeded, false)]
    [InlineData(RunStatus.Failed, false)]
    [InlineData(RunStatus.Succeeded, true)]
    public async Task The_id_of_a_finished_run_is_refused_with_exit_2_and_its_record_is_left_as_it_is(RunStatus finished, bool invalidInput)
    {
        using var folder = Fixture.Write(invalidInput ? Orders.Replace("2,11,", "2,eleven,", StringComparison.Ordinal) : Orders, Items);
        var tables = await dynamo.CreateTablesAsync();
        using var client = dynamo.CreateClient();
        var runs = new DynamoRunStore(client, tables);
        var original = new KpiRun
        {
            RunId = "done-1",
            Status = finished,
            StartedAt = new DateTimeOffset(2025, 3, 1, 8, 0, 0, TimeSpan.Zero),
            FinishedAt = new DateTimeOffset(2025, 3, 1, 8, 1, 0, TimeSpan.Zero),
            Source = "s3://elsewhere/",
            Engine = "duckdb",
            CategoryRowsWritten = 42,
        };
        await runs.CreateAsync(original, CancellationToken.None);

        var (exitCode, output) = await PipelineProcess.RunAsync(
            dynamo, ["run", "--source", folder.Path, "--run-id", "done-1", .. PipelineProcess.TableArguments(tables)]);

        Assert.True(exitCode == 2, output);
        Assert.Contains($"Run done-1 has already finished ({finished.ToStoredName()})", output);
        Assert.DoesNotContain("eleven", output);
        var kept = await runs.GetAsync("done-1", CancellationToken.None);
        Assert.Equal(original with { Tables = kept!.Tables, RejectSamples = kept.RejectSamples }, kept);
        Assert.Empty(kept.RejectSamples);
        Assert.Empty(await new DynamoKpiStore(client, tables).ReadCategoryKpisAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Missing_tables_fail_the_run_with_exit_1_even_when_the_input_is_invalid_too()
    {
        using var folder = Fixture.Write(Orders.Replace("2,11,", "2,eleven,", StringComparison.Ordinal), Items);
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var tables = new KpiTableOptions { CategoryTable = $"c_{suffix}", OrderTable = $"o_{suffix}", RunsTable = $"r_{suffix}" };

        var (exitCode, output) = await PipelineProcess.RunAsync(dynamo, ["run", "--source", folder.Path, .. PipelineProcess.TableArguments(tables)]);

        Assert.True(exitCode == 1, output);
        Assert.Contains("run once with --create-tables", output);
        Assert.DoesNotContain("rows rejected", output);
    }

    [Theory]
    [InlineData("AWS_ENDPOINT_URL_DYNAMODB")]
    [InlineData("AWS_ENDPOINT_URL_S3")]
    [InlineData("AWS_ENDPOINT_URL")]
    public async Task An_endpoint_that_is_not_a_url_exits_2_naming_the_variable_without_a_stack_trace(string variable)
    {
        var environment = new Dictionary<string, string>(dynamo.Environment) { [variable] = "not a url" };

        var (exitCode, output) = await PipelineProcess.RunAsync(environment, ["run", "--source", "/nowhere"]);

        Assert.True(exitCode == 2, output);
        Assert.Contains($"Invalid setting: {variable} must be an absolute http(s) URL, got 'not a url'.", output);
        Assert.DoesNotContain("   at ", output);
    }

    [Fact]
    public async Task No_aws_credentials_anywhere_exits_2_saying_where_the_sdk_looked_without_a_stack_trace()
    {
        var environment = WithoutCredentials(dynamo.Environment);

        var (exitCode, output) = await PipelineProcess.RunAsync(environment, ["run", "--source", "/nowhere"]);

        Assert.True(exitCode == 2, output);
        Assert.Contains("Cannot set up the AWS clients: Failed to resolve AWS credentials", output);
        Assert.Contains("AWS_ACCESS_KEY_ID", output);
        Assert.DoesNotContain("   at ", output);
    }

    [Fact]
    public async Task Task_role_credentials_from_the_container_credentials_endpoint_are_used()
    {
        using var folder = Fixture.Write(Orders, Items);
        var tables = await dynamo.CreateTablesAsync();
        using var endpoint = new ContainerCredentialsEndpoint("the-task-token");
        var environment = WithoutCredentials(dynamo.Environment);
        environment["AWS_CONTAINER_CREDENTIALS_FULL_URI"] = endpoint.Uri;
        environment["AWS_CONTAINER_AUTHORIZATION_TOKEN"] = "the-task-token";

        var (exitCode, output) = await PipelineProcess.RunAsync(environment, ["run", "--source", folder.Path, .. PipelineProcess.TableArguments(tables)]);

        Assert.True(exitCode == 0, output);
        Assert.True(endpoint.Served > 0, "the credentials endpoint was never asked");
        Assert.Equal(0, endpoint.Refused);
    }

    [Fact]
    public async Task Reject_samples_are_logged_as_structured_fields_in_json()
    {
        using var folder = Fixture.Write(Orders.Replace("2,11,", "2,eleven,", StringComparison.Ordinal), Items);
        var tables = await dynamo.CreateTablesAsync();
        var environment = new Dictionary<string, string>(dynamo.Environment) { ["KPI_LOG_FORMAT"] = "json" };

        var (exitCode, output) = await PipelineProcess.RunAsync(environment, ["run", "--source", folder.Path, .. PipelineProcess.TableArguments(tables)]);

        Assert.Equal(2, exitCode);
        var rejected = output.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => JsonDocument.Parse(line).RootElement)
            .Single(line => line.GetProperty("EventId").GetInt32() == 6)
            .GetProperty("State");
        Assert.Equal(
            ("orders", 3, "user_id", "eleven", "not an integer"),
            (rejected.GetProperty("Table").GetString(), rejected.GetProperty("Line").GetInt32(), rejected.GetProperty("Column").GetString(),
             rejected.GetProperty("Value").GetString(), rejected.GetProperty("Reason").GetString()));
        Assert.EndsWith("orders_part1.csv", rejected.GetProperty("File").GetString());
    }

    /// <summary>The environment with every source of AWS credentials in the SDK's default chain switched off.</summary>
    private static Dictionary<string, string> WithoutCredentials(IDictionary<string, string> environment) => new(environment)
    {
        ["AWS_ACCESS_KEY_ID"] = "", ["AWS_SECRET_ACCESS_KEY"] = "", ["AWS_PROFILE"] = "", ["AWS_EC2_METADATA_DISABLED"] = "true",
        ["AWS_SHARED_CREDENTIALS_FILE"] = "/nonexistent/credentials", ["AWS_CONFIG_FILE"] = "/nonexistent/config",
        ["AWS_CONTAINER_CREDENTIALS_RELATIVE_URI"] = "", ["AWS_CONTAINER_CREDENTIALS_FULL_URI"] = "", ["AWS_WEB_IDENTITY_TOKEN_FILE"] = "",
    };
}
