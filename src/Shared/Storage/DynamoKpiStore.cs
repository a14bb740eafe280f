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
        await ScanAsync(tables.CategoryTable, KpiItems.ToCategoryKpi, skip: null, cancellationToken);

    public async Task<IReadOnlyList<OrderKpi>> ReadOrderKpisAsync(CancellationToken cancellationToken) =>
        await ScanAsync(tables.OrderTable, KpiItems.ToOrderKpi, skip: null, cancellationToken);

    /// <summary>Every item that holds a category row; the others (e.g. written by hand) are handed to <paramref name="skip"/>.</summary>
    public async Task<IReadOnlyList<CategoryKpi>> ReadCategoryKpisAsync(Action<UnreadableItem> skip, CancellationToken cancellationToken) =>
        await ScanAsync(tables.CategoryTable, KpiItems.ToCategoryKpi, skip, cancellationToken);

    /// <summary>Every item that holds an order row; the others are handed to <paramref name="skip"/>.</summary>
    public async Task<IReadOnlyList<OrderKpi>> ReadOrderKpisAsync(Action<UnreadableItem> skip, CancellationToken cancellationToken) =>
        await ScanAsync(tables.OrderTable, KpiItems.ToOrderKpi, skip, cancellationToken);

    private async Task<List<T>> ScanAsync<T>(
        string table, Func<Dictionary<string, AttributeValue>, T> map, Action<UnreadableItem>? skip, CancellationToken cancellationToken)
    {
        var rows = new List<T>();
        var pages = dynamo.Paginators.Scan(new ScanRequest { TableName = table }).Responses;
        await foreach (var page in pages.WithCancellation(cancellationToken))
        {
            foreach (var item in page.Items ?? [])
            {
                try
                {
                    rows.Add(map(item));
                }
                catch (Exception ex) when (skip is not null && ex is FormatException or OverflowException or ArgumentException)
                {
                    skip(new UnreadableItem(table, KpiItems.DescribeKey(item), ex.Message));
                }
            }
        }

        return rows;
    }
}

/// <summary>An item of a KPI table that holds no row: where it is and why.</summary>
public sealed record UnreadableItem(string Table, string Key, string Reason);
