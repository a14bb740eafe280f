using System.Data.Common;
using DuckDB.NET.Data;
using Kpi.Pipeline.Contract;
using Kpi.Pipeline.Engine.Sql;
using Kpi.Pipeline.Sources;
using Kpi.Shared.Runs;

namespace Kpi.Pipeline.Engine.DuckDb;

/// <summary>One run on DuckDB: an in-memory database that spills to a private temporary folder, removed at the end.</summary>
internal sealed partial class DuckDbSession : IKpiSession
{
    private static readonly ContractSql Sql = new(DuckDbDialect.Instance);

    private readonly InputSet _input;
    private readonly DuckDBConnection _connection;
    private readonly string _spillFolder;
    private readonly Dictionary<InputTable, TableInputStats> _read = [];

    public DuckDbSession(InputSet input)
    {
        _input = input;
        _spillFolder = Path.Combine(Path.GetTempPath(), $"kpi-duckdb-{Guid.NewGuid():N}");
        _connection = new DuckDBConnection("DataSource=:memory:");
        _connection.Open();
        Execute($"SET temp_directory = {Literal(_spillFolder)}");
    }

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

    private static string Literal(string text) => Sql.Dialect.Literal(text);

    private static string Identifier(string name) => Sql.Dialect.Identifier(name);
}
