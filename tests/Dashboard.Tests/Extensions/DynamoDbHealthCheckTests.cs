using Kpi.Dashboard.Extensions;
using Kpi.Shared.Storage;
using Kpi.TestSupport;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Kpi.Dashboard.Tests.Extensions;

/// <summary>/readyz over DynamoDB Local: ready, degraded by unreadable items, not ready without the table.</summary>
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
    public async Task A_missing_table_is_not_ready()
    {
        using var client = dynamo.CreateClient();
        var tables = new KpiTableOptions { CategoryTable = "no_such_table" };
        var check = new DynamoDbHealthCheck(client, Options.Create(tables), DashboardStore.Reader(client, tables));

        var result = await check.CheckHealthAsync(new HealthCheckContext(), TestContext.Current.CancellationToken);

        Assert.Equal((HealthStatus.Unhealthy, "Table no_such_table does not exist."), (result.Status, result.Description));
    }
}
