using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Kpi.Shared.Kpis;

namespace Kpi.Shared.Storage;

/// <summary>Reads and upserts the KPI tables.</summary>
public sealed class DynamoKpiStore(IAmazonDynamoDB dynamo, KpiTableOptions tables, BatchWriterSettings? writerSettings = null)
{
    private readonly BatchWriter _writer = new(dynamo, writerSettings);

    public Task<long> WriteCategoryKpisAsync(IEnumerable<CategoryKpi> rows, string runId, string computedAt, CancellationToken cancellationToken) =>
        _writer.PutAllAsync(tables.CategoryTable, rows.Select(row => KpiItems.ToItem(row, runId, computedAt)), cancellationToken);

    public Task<long> WriteOrderKpisAsync(IEnumerable<OrderKpi> rows, string runId, string computedAt, CancellationToken cancellationToken) =>
        _writer.PutAllAsync(tables.OrderTable, rows.Select(row => KpiItems.ToItem(row, runId, computedAt)), cancellationToken);

    public async Task<IReadOnlyList<CategoryKpi>> ReadCategoryKpisAsync(CancellationToken cancellationToken) =>
        await ScanAsync(tables.CategoryTable, KpiItems.ToCategoryKpi, cancellationToken);

    public async Task<IReadOnlyList<OrderKpi>> ReadOrderKpisAsync(CancellationToken cancellationToken) =>
        await ScanAsync(tables.OrderTable, KpiItems.ToOrderKpi, cancellationToken);

    private async Task<List<T>> ScanAsync<T>(string table, Func<Dictionary<string, AttributeValue>, T> map, CancellationToken cancellationToken)
    {
        var rows = new List<T>();
        var pages = dynamo.Paginators.Scan(new ScanRequest { TableName = table }).Responses;
        await foreach (var page in pages.WithCancellation(cancellationToken))
        {
            foreach (var item in page.Items ?? [])
            {
                rows.Add(map(item));
            }
        }

        return rows;
    }
}
