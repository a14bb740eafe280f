using System.Data.Common;
using Apache.Arrow;
using Apache.Arrow.Ipc;
using Apache.Arrow.Types;
using Google.Protobuf;

namespace Kpi.Pipeline.Tests.Engine.Spark;

/// <summary>A DuckDB result as Spark sends it: Arrow IPC streams (schema + one record batch each) of a few rows.</summary>
internal static class ArrowResults
{
    public static List<(long Rows, ByteString Data)> ToBatches(DbDataReader reader, int rowsPerBatch)
    {
        var rows = new List<object?[]>();
        while (reader.Read())
        {
            var values = new object?[reader.FieldCount];
            for (var i = 0; i < values.Length; i++)
            {
                values[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            }

            rows.Add(values);
        }

        var types = Enumerable.Range(0, reader.FieldCount).Select(i => ArrowType(reader.GetFieldType(i), rows.Select(r => r[i]))).ToList();
        var schema = new Schema.Builder();
        for (var i = 0; i < types.Count; i++)
        {
            schema.Field(new Field(reader.GetName(i), types[i], nullable: true));
        }

        var built = schema.Build();
        var chunks = rows.Chunk(rowsPerBatch).ToList();
        if (chunks.Count == 0)
        {
            chunks.Add([]);
        }

        return [.. chunks.Select(chunk => ((long)chunk.Length, Write(built, types, chunk)))];
    }

    private static ByteString Write(Schema schema, List<IArrowType> types, object?[][] rows)
    {
        var columns = types.Select((type, i) => Column(type, rows.Select(row => row[i]))).ToList();
        using var batch = new RecordBatch(schema, columns, rows.Length);
        using var stream = new MemoryStream();
        using (var writer = new ArrowStreamWriter(stream, schema, leaveOpen: true))
        {
            writer.WriteRecordBatch(batch);
            writer.WriteEnd();
        }

        return ByteString.CopyFrom(stream.ToArray());
    }

    private static IArrowType ArrowType(Type type, IEnumerable<object?> values) => type switch
    {
        _ when type == typeof(string) => StringType.Default,
        _ when type == typeof(long) => Int64Type.Default,
        _ when type == typeof(int) => Int32Type.Default,
        _ when type == typeof(double) => DoubleType.Default,
        _ when type == typeof(bool) => BooleanType.Default,
        // DuckDB hands decimals at their column's scale; Spark's sums are DECIMAL(p, 6) here too.
        _ when type == typeof(decimal) => new Decimal128Type(38, values.OfType<decimal>().Select(d => (int)d.Scale).DefaultIfEmpty(0).Max()),
        _ => throw new NotSupportedException($"DuckDB type {type} in a fake Spark result"),
    };

    private static IArrowArray Column(IArrowType type, IEnumerable<object?> values)
    {
        switch (type)
        {
            case StringType:
                var text = new StringArray.Builder();
                foreach (var value in values) { if (value is null) text.AppendNull(); else text.Append((string)value); }
                return text.Build();
            case Int64Type:
                var longs = new Int64Array.Builder();
                foreach (var value in values) { if (value is null) longs.AppendNull(); else longs.Append((long)value); }
                return longs.Build();
            case Int32Type:
                var ints = new Int32Array.Builder();
                foreach (var value in values) { if (value is null) ints.AppendNull(); else ints.Append((int)value); }
                return ints.Build();
            case DoubleType:
                var doubles = new DoubleArray.Builder();
                foreach (var value in values) { if (value is null) doubles.AppendNull(); else doubles.Append((double)value); }
                return doubles.Build();
            case BooleanType:
                var flags = new BooleanArray.Builder();
                foreach (var value in values) { if (value is null) flags.AppendNull(); else flags.Append((bool)value); }
                return flags.Build();
            case Decimal128Type decimalType:
                var decimals = new Decimal128Array.Builder(decimalType);
                foreach (var value in values) { if (value is null) decimals.AppendNull(); else decimals.Append((decimal)value); }
                return decimals.Build();
            default:
                throw new NotSupportedException(type.Name);
        }
    }
}
