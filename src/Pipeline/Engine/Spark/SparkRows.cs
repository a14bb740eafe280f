using Apache.Arrow;
using Apache.Arrow.Ipc;

namespace Kpi.Pipeline.Engine.Spark;

/// <summary>The rows of a query result, read from Arrow IPC streams (decimals stay exact: Decimal128 → decimal).</summary>
internal sealed class SparkRows
{
    public List<object?[]> Rows { get; } = [];

    /// <summary>Adds the rows of one <c>ArrowBatch.data</c>: a complete Arrow IPC stream (schema + batches).</summary>
    public async Task AddAsync(Google.Protobuf.ByteString data, CancellationToken cancellationToken)
    {
        using var stream = new MemoryStream(data.ToByteArray(), writable: false);
        using var reader = new ArrowStreamReader(stream);
        while (await reader.ReadNextRecordBatchAsync(cancellationToken) is { } batch)
        {
            using (batch)
            {
                for (var row = 0; row < batch.Length; row++)
                {
                    Rows.Add([.. Enumerable.Range(0, batch.ColumnCount).Select(column => Value(batch.Column(column), row))]);
                }
            }
        }
    }

    private static object? Value(IArrowArray array, int index) => array.IsNull(index) ? null : array switch
    {
        StringArray text => text.GetString(index),
        LargeStringArray text => text.GetString(index),
        Int64Array number => number.GetValue(index),
        Int32Array number => (long)number.GetValue(index)!.Value,
        Int16Array number => (long)number.GetValue(index)!.Value,
        DoubleArray number => number.GetValue(index),
        FloatArray number => (double)number.GetValue(index)!.Value,
        Decimal128Array number => number.GetValue(index),
        BooleanArray flag => flag.GetValue(index),
        _ => throw new NotSupportedException($"Arrow type {array.Data.DataType.Name} in a Spark result"),
    };
}
