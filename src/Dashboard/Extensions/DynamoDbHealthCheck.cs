using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Kpi.Shared.Storage;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Kpi.Dashboard.Extensions;

/// <summary>Ready when DynamoDB answers and the category table exists.</summary>
internal sealed class DynamoDbHealthCheck(IAmazonDynamoDB dynamo, IOptions<KpiTableOptions> tables) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await dynamo.DescribeTableAsync(tables.Value.CategoryTable, cancellationToken);
            return HealthCheckResult.Healthy();
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
