using System.Data.Common;
using DuckDB.NET.Data;
using Kpi.Pipeline.Contract;
using Kpi.Pipeline.Engine.Sql;
using Kpi.Pipeline.Sources;
using Kpi.Shared.Runs;
using Microsoft.Extensions.Logging;

namespace Kpi.Pipeline.Engine.DuckDb;

/// <summary>One run on DuckDB: an in-memory database that spills to a private temporary folder, removed at the end.</summary>
internal sealed partial class DuckDbSession : IKpiSession
{
    private static readonly ContractSql Sql = new(DuckDbDialect.Instance);

    private readonly InputSet _input;
    private readonly bool _fastPath;
    private readonly ILogger _logger;
    private readonly DuckDBConnection _connection;
    private readonly string _spillFolder;
    private readonly Dictionary<InputTable, TableInputStats> _read = [];

    /// <summary>The path DuckDB reads for each input file (see <c>LiteralPath</c>).</summary>
    private readonly Dictionary<string, InputFile> _readPaths = [];

    public DuckDbSession(InputSet input, bool fastPath, ILogger logger)
    {
        _input = input;
        _fastPath = fastPath;
        _logger = logger;
        _spillFolder = Path.Combine(Path.GetTempPath(), $"kpi-duckdb-{Guid.NewGuid():N}");
        _connection = new DuckDBConnection("DataSource=:memory:");
        _connection.Open();
        Execute($"SET temp_directory = {Literal(_spillFolder)}", CancellationToken.None);
    }

    public async ValueTask DisposeAsync()
    {
        await _connection.DisposeAsync();
        if (Directory.Exists(_spillFolder))
        {
            Directory.Delete(_spillFolder, recursive: true);
        }
    }

    /// <summary>Runs a statement; cancelling the token interrupts it (a long read or validation stops within moments).</summary>
    private void Execute(string sql, CancellationToken cancellationToken)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        using var interrupt = cancellationToken.Register(command.Cancel);
        try
        {
            command.ExecuteNonQuery();
        }
        catch (DuckDBException) when (cancellationToken.IsCancellationRequested)
        {
            throw new OperationCanceledException(cancellationToken);
        }
    }

    private List<T> Query<T>(string sql, Func<DbDataReader, T> map, CancellationToken cancellationToken)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        using var interrupt = cancellationToken.Register(command.Cancel);
        try
        {
            using var reader = command.ExecuteReader();
            var rows = new List<T>();
            while (reader.Read())
            {
                rows.Add(map(reader));
            }

            return rows;
        }
        catch (DuckDBException) when (cancellationToken.IsCancellationRequested)
        {
            throw new OperationCanceledException(cancellationToken);
        }
    }

    private long Scalar(string sql, CancellationToken cancellationToken) =>
        Query(sql, reader => Convert.ToInt64(reader.GetValue(0), System.Globalization.CultureInfo.InvariantCulture), cancellationToken)[0];

    private static string Literal(string text) => Sql.Dialect.Literal(text);

    private static string Identifier(string name) => Sql.Dialect.Identifier(name);
}
