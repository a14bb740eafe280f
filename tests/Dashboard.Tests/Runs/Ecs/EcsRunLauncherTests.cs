using Kpi.Dashboard.Runs;
using System.Diagnostics;
using System.Net;
using Kpi.Dashboard.Runs.Ecs;
using Kpi.TestSupport.FakeEcs;

namespace Kpi.Dashboard.Tests.Runs.Ecs;

public sealed class EcsRunLauncherTests
{
    private static readonly Dictionary<string, string> RunEnvironment = new()
    {
        ["KPI_RUN_ID"] = "run-20250304-0001",
        ["CATEGORY_KPIS_TABLE"] = "category_kpis_table",
        ["ORDER_KPIS_TABLE"] = "order_kpis_table",
        ["KPI_RUNS_TABLE"] = "kpi_runs",
    };

    [Fact]
    public async Task RunTask_sends_fargate_network_overrides_startedBy_and_the_run_id_as_client_token()
    {
        await using var ecs = await FakeEcsServer.StartAsync();
        ecs.AddTaskDefinition(EcsTestHost.Shell("exit 0"));
        using var host = new EcsTestHost(ecs);

        var handle = await host.Launcher.StartAsync("run-20250304-0001", RunEnvironment, TestContext.Current.CancellationToken);

        var request = ecs.Requests.Single(r => r.Action == "RunTask");
        var body = request.Json;
        Assert.Equal("AmazonEC2ContainerServiceV20141113.RunTask", request.Headers["x-amz-target"]);
        Assert.Equal("application/x-amz-json-1.1", request.Headers["content-type"]);
        Assert.Equal("FARGATE", (string?)body["launchType"]);
        Assert.Equal("kpi", (string?)body["cluster"]);
        Assert.Equal("kpi-pipeline", (string?)body["taskDefinition"]);
        var vpc = body["networkConfiguration"]!["awsvpcConfiguration"]!;
        Assert.Equal(["subnet-0a1b2c3d", "subnet-4e5f6a7b"], vpc["subnets"]!.AsArray().Select(s => (string?)s));
        Assert.Equal(["sg-0123456789"], vpc["securityGroups"]!.AsArray().Select(s => (string?)s));
        Assert.Equal("DISABLED", (string?)vpc["assignPublicIp"]);
        var containerOverride = Assert.Single(body["overrides"]!["containerOverrides"]!.AsArray())!;
        Assert.Equal("pipeline", (string?)containerOverride["name"]);
        Assert.Equal(
            RunEnvironment.OrderBy(v => v.Key),
            containerOverride["environment"]!.AsArray().Select(v => KeyValuePair.Create((string)v!["name"]!, (string)v["value"]!)).OrderBy(v => v.Key));
        Assert.Equal("kpi-dashboard", (string?)body["startedBy"]);
        Assert.Equal("run-20250304-0001", (string?)body["clientToken"]);
        Assert.Matches($"^arn:aws:ecs:eu-west-1:123456789012:task/kpi/[0-9a-f]{{32}}$", handle.TaskArn);
        Assert.Equal("PROVISIONING", handle.LastStatus);
    }

    [Fact]
    public async Task The_container_gets_the_run_environment_and_its_exit_code_comes_back_through_DescribeTasks()
    {
        await using var ecs = await FakeEcsServer.StartAsync();
        ecs.AddTaskDefinition(EcsTestHost.Shell(
            "echo \"run=$KPI_RUN_ID category=$CATEGORY_KPIS_TABLE source=$KPI_SOURCE\"; exit 3",
            new Dictionary<string, string> { ["KPI_SOURCE"] = "s3://ecom-bucket/Data/", ["KPI_RUN_ID"] = "from-the-task-definition" }));
        using var host = new EcsTestHost(ecs);

        var handle = await host.Launcher.StartAsync("run-20250304-0001", RunEnvironment, TestContext.Current.CancellationToken);
        var state = await host.WaitUntilStoppedAsync(ecs, handle.TaskArn);

        Assert.Equal(new EcsTaskState("STOPPED", true, 3, "Essential container in task exited", "EssentialContainerExited"), state);
        Assert.Contains("run=run-20250304-0001 category=category_kpis_table source=s3://ecom-bucket/Data/", ecs.Task(handle.TaskArn).Output);
    }

    [Fact]
    public async Task A_successful_container_stops_with_exit_code_zero()
    {
        await using var ecs = await FakeEcsServer.StartAsync();
        ecs.AddTaskDefinition(EcsTestHost.Shell("test \"$KPI_RUN_ID\" = run-ok"));
        using var host = new EcsTestHost(ecs);

        var handle = await host.Launcher.StartAsync("run-ok", new Dictionary<string, string> { ["KPI_RUN_ID"] = "run-ok" }, TestContext.Current.CancellationToken);
        var state = await host.WaitUntilStoppedAsync(ecs, handle.TaskArn);

        Assert.Equal(0, state.ExitCode);
    }

    [Fact]
    public async Task A_RunTask_answer_with_failures_and_no_task_is_a_LaunchFailedException_with_the_reason()
    {
        await using var ecs = await FakeEcsServer.StartAsync();
        ecs.AddTaskDefinition(EcsTestHost.Shell("exit 0", placementFailure: "RESOURCE:ENI"));
        using var host = new EcsTestHost(ecs);

        var failure = await Assert.ThrowsAsync<LaunchFailedException>(
            () => host.Launcher.StartAsync("run-eni", RunEnvironment, TestContext.Current.CancellationToken));

        Assert.Equal("RESOURCE:ENI", failure.Reason);
        Assert.Contains("run-eni", failure.Message);
        Assert.Contains("RESOURCE:ENI", failure.Message);
        Assert.Empty(ecs.Tasks);
    }

    [Fact]
    public async Task An_image_that_cannot_be_pulled_stops_the_task_with_that_reason_and_no_exit_code()
    {
        const string pullError = "CannotPullContainerError: pull image manifest has been retried 5 time(s): failed to resolve ref 123456789012.dkr.ecr.eu-west-1.amazonaws.com/kpi-pipeline:missing: not found";
        await using var ecs = await FakeEcsServer.StartAsync();
        ecs.AddTaskDefinition(EcsTestHost.Shell("exit 0", pullError: pullError));
        using var host = new EcsTestHost(ecs);

        var handle = await host.Launcher.StartAsync("run-pull", RunEnvironment, TestContext.Current.CancellationToken);
        var state = await host.WaitUntilStoppedAsync(ecs, handle.TaskArn);

        Assert.Equal(new EcsTaskState("STOPPED", true, null, pullError, "TaskFailedToStart"), state);
        Assert.Null(ecs.Task(handle.TaskArn).ProcessId);
    }

    [Fact]
    public async Task StopTask_kills_a_long_running_container_and_the_task_stops_with_the_given_reason()
    {
        await using var ecs = await FakeEcsServer.StartAsync();
        ecs.AddTaskDefinition(EcsTestHost.Shell("echo started; exec sleep 300"));
        using var host = new EcsTestHost(ecs);
        var handle = await host.Launcher.StartAsync("run-long", RunEnvironment, TestContext.Current.CancellationToken);
        await host.WaitForAsync(ecs, handle.TaskArn, state => state.LastStatus == "RUNNING", "RUNNING");
        var processId = ecs.Task(handle.TaskArn).ProcessId!.Value;

        await host.Launcher.StopAsync(handle.TaskArn, "Cancelled from the dashboard", TestContext.Current.CancellationToken);
        var state = await host.WaitUntilStoppedAsync(ecs, handle.TaskArn);

        Assert.Equal(new EcsTaskState("STOPPED", true, 137, "Cancelled from the dashboard", "UserInitiated"), state);
        Assert.Equal("Cancelled from the dashboard", (string?)ecs.Requests.Single(r => r.Action == "StopTask").Json["reason"]);
        Assert.False(IsRunning(processId));
    }

    [Fact]
    public async Task The_same_run_id_twice_gives_the_same_task()
    {
        await using var ecs = await FakeEcsServer.StartAsync();
        ecs.AddTaskDefinition(EcsTestHost.Shell("exit 0"));
        using var host = new EcsTestHost(ecs);

        var first = await host.Launcher.StartAsync("run-once", RunEnvironment, TestContext.Current.CancellationToken);
        var second = await host.Launcher.StartAsync("run-once", RunEnvironment, TestContext.Current.CancellationToken);

        Assert.Equal(first.TaskArn, second.TaskArn);
        Assert.Single(ecs.Tasks);
    }

    [Fact]
    public async Task A_RunTask_retried_after_a_lost_answer_starts_one_task()
    {
        await using var ecs = await FakeEcsServer.StartAsync();
        ecs.AddTaskDefinition(EcsTestHost.Shell("exit 0"));
        ecs.LoseRunTaskAnswers(1);
        using var host = new EcsTestHost(ecs);

        var handle = await host.Launcher.StartAsync("run-retried", RunEnvironment, TestContext.Current.CancellationToken);

        var attempts = ecs.Requests.Where(r => r.Action == "RunTask").ToList();
        Assert.Equal([500, 200], attempts.Select(a => a.Status));
        Assert.Equal(attempts[0].Body, attempts[1].Body);
        Assert.Equal(handle.TaskArn, Assert.Single(ecs.Tasks).TaskArn);
    }

    [Fact]
    public async Task ECS_rate_limiting_is_retried()
    {
        await using var ecs = await FakeEcsServer.StartAsync();
        ecs.AddTaskDefinition(EcsTestHost.Shell("exit 0"));
        using var host = new EcsTestHost(ecs);
        var handle = await host.Launcher.StartAsync("run-throttled", RunEnvironment, TestContext.Current.CancellationToken);
        ecs.Throttle(1);

        var state = await host.Launcher.DescribeAsync(handle.TaskArn, TestContext.Current.CancellationToken);

        Assert.False(string.IsNullOrEmpty(state.LastStatus));
        Assert.Equal([400, 200], ecs.Requests.Where(r => r.Action == "DescribeTasks").Select(r => r.Status));
    }

    [Fact]
    public async Task An_ECS_error_body_becomes_an_EcsException_naming_the_action_error_and_message()
    {
        await using var ecs = await FakeEcsServer.StartAsync();
        ecs.AddTaskDefinition(EcsTestHost.Shell("exit 0"));
        using var host = new EcsTestHost(ecs, settings: new() { ["Launcher:Ecs:Cluster"] = "no-such-cluster" });

        var error = await Assert.ThrowsAsync<EcsException>(
            () => host.Launcher.StartAsync("run-x", RunEnvironment, TestContext.Current.CancellationToken));

        Assert.Equal("ECS RunTask refused: ClusterNotFoundException: Cluster not found.", error.Message);
        Assert.Equal("ClusterNotFoundException", error.ErrorCode);
        Assert.Equal(HttpStatusCode.BadRequest, error.StatusCode);
        Assert.Equal(400, ecs.Requests.Single().Status);
    }

    [Fact]
    public async Task Describing_a_task_ECS_does_not_know_is_an_EcsException_with_reason_MISSING()
    {
        await using var ecs = await FakeEcsServer.StartAsync();
        using var host = new EcsTestHost(ecs);

        var error = await Assert.ThrowsAsync<EcsException>(() => host.Launcher.DescribeAsync(
            "arn:aws:ecs:eu-west-1:123456789012:task/kpi/0123456789abcdef0123456789abcdef", TestContext.Current.CancellationToken));

        Assert.Equal("MISSING", error.ErrorCode);
        Assert.StartsWith("ECS DescribeTasks refused: MISSING:", error.Message);
    }

    [Fact]
    public async Task A_run_id_that_cannot_be_a_client_token_is_refused_before_calling_ECS()
    {
        await using var ecs = await FakeEcsServer.StartAsync();
        using var host = new EcsTestHost(ecs);

        await Assert.ThrowsAsync<ArgumentException>(
            () => host.Launcher.StartAsync(new string('x', 65), RunEnvironment, TestContext.Current.CancellationToken));
        Assert.Empty(ecs.Requests);
    }

    private static bool IsRunning(int processId)
    {
        try
        {
            using var process = Process.GetProcessById(processId);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
