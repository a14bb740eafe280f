using Kpi.Dashboard.Data;
using Kpi.Dashboard.Extensions;
using Kpi.Shared.Storage;
using Kpi.TestSupport;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Kpi.Dashboard.Tests.Extensions;

/// <summary>/readyz over DynamoDB Local: not ready before the first snapshot, ready, degraded by unreadable items, not ready without the table.</summary>
public sealed class DynamoDbHealthCheckTests(DynamoDbLocal dynamo)
{
    [Fact]
    public async Task Unreadable_items_make_readiness_degraded_naming_how_many()
    {
        var tables = await DashboardStore.SeedAsync(dynamo, SampleData.Categories, SampleData.Orders, SampleData.Run);
        using var client = dynamo.CreateClient();
        var reader = DashboardStore.Reader(client, tables);
        var check = new DynamoDbHealthCheck(client, Options.Create(tables), reader);
        await reader.ReadAsync(TestContext.Current.CancellationToken);
        var healthy = await check.CheckHealthAsync(new HealthCheckContext(), TestContext.Current.CancellationToken);

        await DashboardStore.PutMalformedItemsAsync(client, tables);
        await reader.RefreshAsync(TestContext.Current.CancellationToken);
        var degraded = await check.CheckHealthAsync(new HealthCheckContext(), TestContext.Current.CancellationToken);

        Assert.Equal(HealthStatus.Healthy, healthy.Status);
        Assert.Equal((HealthStatus.Degraded, "2 item(s) in the KPI tables hold no KPI row and are left out."), (degraded.Status, degraded.Description));
    }

    [Fact]
    public async Task Not_ready_until_the_refresher_has_read_the_first_snapshot_then_ready()
    {
        var tables = await DashboardStore.SeedAsync(dynamo, SampleData.Categories, SampleData.Orders, SampleData.Run);
        using var client = dynamo.CreateClient();
        var reader = DashboardStore.Reader(client, tables);
        var check = new DynamoDbHealthCheck(client, Options.Create(tables), reader);
        using var refresher = new KpiSnapshotRefresher(reader, TimeProvider.System);

        var before = await check.CheckHealthAsync(new HealthCheckContext(), TestContext.Current.CancellationToken);
        await refresher.StartAsync(TestContext.Current.CancellationToken);
        var after = await WaitForAsync(check, HealthStatus.Healthy);
        await refresher.StopAsync(TestContext.Current.CancellationToken);

        Assert.Equal((HealthStatus.Unhealthy, DynamoDbHealthCheck.NotLoaded), (before.Status, before.Description));
        Assert.Equal(HealthStatus.Healthy, after.Status);
        Assert.Equal(6, reader.Latest!.Categories.Count);
    }

    [Fact]
    public async Task The_refresher_tries_the_first_read_again_until_dynamodb_answers()
    {
        var tables = await DashboardStore.SeedAsync(dynamo, SampleData.Categories, SampleData.Orders, SampleData.Run);
        using var forwarder = new TcpForwarder(dynamo.Endpoint);
        using var client = DashboardStore.Through(forwarder.Address);
        var reader = DashboardStore.Reader(client, tables);
        var check = new DynamoDbHealthCheck(client, Options.Create(tables), reader);
        using var refresher = new KpiSnapshotRefresher(reader, TimeProvider.System);

        await refresher.StartAsync(TestContext.Current.CancellationToken);
        var down = await check.CheckHealthAsync(new HealthCheckContext(), TestContext.Current.CancellationToken);
        forwarder.Open();
        var up = await WaitForAsync(check, HealthStatus.Healthy);
        await refresher.StopAsync(TestContext.Current.CancellationToken);

        Assert.Equal(HealthStatus.Unhealthy, down.Status);
        Assert.Equal(HealthStatus.Healthy, up.Status);
    }

    [Fact]
    public async Task A_missing_table_is_not_ready()
    {
        using var client = dynamo.CreateClient();
        var tables = new KpiTableOptions { CategoryTable = "no_such_table" };
        var check = new DynamoDbHealthCheck(client, Options.Create(tables), DashboardStore.Reader(client, tables));

        var result = await check.CheckHealthAsync(new HealthCheckContext(), TestContext.Current.CancellationToken);

        Assert.Equal((HealthStatus.Unhealthy, "Table no_such_table does not exist."), (result.Status, result.Description));
    }

    private static async Task<HealthCheckResult> WaitForAsync(DynamoDbHealthCheck check, HealthStatus status)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        var result = await check.CheckHealthAsync(new HealthCheckContext(), TestContext.Current.CancellationToken);
        while (result.Status != status && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100, TestContext.Current.CancellationToken);
            result = await check.CheckHealthAsync(new HealthCheckContext(), TestContext.Current.CancellationToken);
        }

        return result;
    }
}
