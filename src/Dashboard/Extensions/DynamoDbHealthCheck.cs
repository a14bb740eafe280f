using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Kpi.Dashboard.Data;
using Kpi.Shared.Storage;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Kpi.Dashboard.Extensions;

/// <summary>
/// Ready when DynamoDB answers, the category table exists and the first snapshot is loaded (until then a page
/// would wait for the scan); Degraded (still ready: the fault is in the data, not in this instance) while the
/// last read left out items that hold no KPI row.
/// </summary>
internal sealed class DynamoDbHealthCheck(IAmazonDynamoDB dynamo, IOptions<KpiTableOptions> tables, KpiReader reader) : IHealthCheck
{
    public const string NotLoaded = "The KPI tables have not been read yet.";

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await dynamo.DescribeTableAsync(tables.Value.CategoryTable, cancellationToken);
            return reader.Latest switch
            {
                null => HealthCheckResult.Unhealthy(NotLoaded),
                { SkippedItems: > 0 } snapshot => HealthCheckResult.Degraded($"{snapshot.SkippedItems} item(s) in the KPI tables hold no KPI row and are left out."),
                _ => HealthCheckResult.Healthy(),
            };
        }
        catch (ResourceNotFoundException)
        {
            return HealthCheckResult.Unhealthy($"Table {tables.Value.CategoryTable} does not exist.");
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy("DynamoDB cannot be reached.");
        }
    }
}
