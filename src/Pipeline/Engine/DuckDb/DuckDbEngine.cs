using System.Data.Common;
using DuckDB.NET.Data;
using Kpi.Pipeline.Sources;
using Kpi.Shared.Runs;

namespace Kpi.Pipeline.Engine.DuckDb;

/// <summary>The embedded engine: an in-memory DuckDB database that spills to a private temporary folder.</summary>
internal sealed partial class DuckDbEngine : IKpiEngine
{
    public const string EngineName = "duckdb";

    private readonly DuckDBConnection _connection;
    private readonly string _spillFolder;
    private readonly Dictionary<InputTable, TableInputStats> _read = [];
    private InputSet? _input;

    public DuckDbEngine()
    {
        _spillFolder = Path.Combine(Path.GetTempPath(), $"kpi-duckdb-{Guid.NewGuid():N}");
        _connection = new DuckDBConnection("DataSource=:memory:");
        _connection.Open();
        Execute($"SET temp_directory = {Literal(_spillFolder)}");
    }

    public string Name => EngineName;

    public async ValueTask DisposeAsync()
    {
        await _connection.DisposeAsync();
        if (Directory.Exists(_spillFolder))
        {
            Directory.Delete(_spillFolder, recursive: true);
        }
    }

    private void Execute(string sql)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private List<T> Query<T>(string sql, Func<DbDataReader, T> map)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<T>();
        while (reader.Read())
        {
            rows.Add(map(reader));
        }

        return rows;
    }

    private long Scalar(string sql) => Query(sql, reader => Convert.ToInt64(reader.GetValue(0), System.Globalization.CultureInfo.InvariantCulture))[0];

    private static string Literal(string text) => $"'{text.Replace("'", "''", StringComparison.Ordinal)}'";

    private static string Identifier(string name) => $"\"{name.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";
}
