using System.Globalization;
using Kpi.Shared.Storage;

namespace Kpi.Shared.Runs;

/// <summary>
/// What one pipeline run is asked to do. Its one mapping to and from environment variables is the run
/// contract: the pipeline's CLI reads it (a flag wins over its variable), a launcher writes it.
/// </summary>
public sealed class RunRequest
{
    public const string SourceVariable = "KPI_SOURCE";
    public const string EngineVariable = "KPI_ENGINE";
    public const string RunIdVariable = "KPI_RUN_ID";
    public const string MaxRejectedRatioVariable = "KPI_MAX_REJECTED_RATIO";
    public const string CreateTablesVariable = "KPI_CREATE_TABLES";
    public const string SparkRemoteVariable = "SPARK_REMOTE";

    public const string DefaultEngine = "duckdb";
    public const string SparkEngine = "spark";
    public const double DefaultMaxRejectedRatio = 0.01;

    /// <summary>The longest run id (printable characters).</summary>
    public const int MaxRunIdLength = 128;

    /// <summary>The ratio as given when it is not a number, for the error that names it.</summary>
    private string? _unparsedRatio;

    /// <summary>KPI_CREATE_TABLES as given when it is neither true/false nor 1/0.</summary>
    private string? _unparsedCreateTables;

    /// <summary>Every engine's name, as <c>--engine</c> takes it.</summary>
    public static IReadOnlyList<string> Engines { get; } = [DefaultEngine, SparkEngine];

    /// <summary>A local folder, or <c>s3://bucket/prefix</c> (<c>s3a://</c> also accepted).</summary>
    public string Source { get; set; } = "";

    public string Engine { get; set; } = DefaultEngine;

    public string RunId { get; set; } = "";

    public double MaxRejectedRatio { get; set; } = DefaultMaxRejectedRatio;

    public KpiTableOptions Tables { get; set; } = new();

    /// <summary>Create missing tables (on-demand billing); off, so that no CreateTable permission is needed.</summary>
    public bool CreateTables { get; set; }

    /// <summary>The Spark Connect server of <c>--engine spark</c>: <c>sc://host:15002/;token=...;use_ssl=true</c>.</summary>
    public string SparkRemote { get; set; } = "";

    /// <summary>
    /// Reads the variables, keeping the defaults for those not set; <paramref name="read"/> gives null for
    /// an unset variable. A value that does not parse is kept in a form <see cref="Validate"/> reports.
    /// </summary>
    public static RunRequest Read(Func<string, string?> read)
    {
        var request = new RunRequest();
        request.Bind(read);
        return request;
    }

    /// <inheritdoc cref="Read"/>
    public void Bind(Func<string, string?> read)
    {
        string? Value(string variable) => read(variable) is { } value && value.Trim() is { Length: > 0 } trimmed ? trimmed : null;

        Source = Value(SourceVariable) ?? Source;
        Engine = Value(EngineVariable)?.ToLowerInvariant() ?? Engine;
        RunId = Value(RunIdVariable) ?? RunId;
        SparkRemote = Value(SparkRemoteVariable) ?? SparkRemote;
        if (Value(MaxRejectedRatioVariable) is { } ratio)
        {
            MaxRejectedRatio = double.TryParse(ratio, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) ? parsed : double.NaN;
            _unparsedRatio = double.IsNaN(MaxRejectedRatio) ? ratio : null;
        }

        if (Value(CreateTablesVariable) is { } create)
        {
            CreateTables = bool.TryParse(create, out var yes) ? yes : create == "1";
            _unparsedCreateTables = bool.TryParse(create, out _) || create is "0" or "1" ? null : create;
        }

        Tables.Bind(Value);
    }

    /// <summary>The variables that give a pipeline process exactly this request.</summary>
    public IReadOnlyDictionary<string, string> ToEnvironment()
    {
        var environment = new Dictionary<string, string>
        {
            [SourceVariable] = Source,
            [EngineVariable] = Engine,
            [MaxRejectedRatioVariable] = MaxRejectedRatio.ToString("R", CultureInfo.InvariantCulture),
            [KpiTableOptions.CategoryTableVariable] = Tables.CategoryTable,
            [KpiTableOptions.OrderTableVariable] = Tables.OrderTable,
            [KpiTableOptions.RunsTableVariable] = Tables.RunsTable,
        };
        if (RunId.Length > 0)
        {
            environment[RunIdVariable] = RunId;
        }

        if (CreateTables)
        {
            environment[CreateTablesVariable] = "true";
        }

        if (SparkRemote.Length > 0)
        {
            environment[SparkRemoteVariable] = SparkRemote;
        }

        return environment;
    }

    /// <summary>Every broken setting, each naming its flag and environment variable.</summary>
    public IReadOnlyList<string> Validate(IReadOnlyCollection<string> engines)
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(Source))
        {
            errors.Add($"--source [{SourceVariable}] is required: a local folder or s3://bucket/prefix.");
        }

        if (!engines.Contains(Engine))
        {
            errors.Add($"--engine [{EngineVariable}] must be one of {string.Join(", ", engines)}, got '{Engine}'.");
        }

        if (!(MaxRejectedRatio is >= 0 and <= 1))
        {
            var given = _unparsedRatio is { } text ? $"'{text}'" : MaxRejectedRatio.ToString(CultureInfo.InvariantCulture);
            errors.Add($"--max-rejected-ratio [{MaxRejectedRatioVariable}] must be a number between 0 and 1 (a point for decimals), got {given}.");
        }

        if (_unparsedCreateTables is { } create)
        {
            errors.Add($"--create-tables [{CreateTablesVariable}] must be true or false (or 1 or 0), got '{create}'.");
        }

        if (RunId.Length > MaxRunIdLength || RunId.Any(char.IsControl))
        {
            errors.Add($"--run-id [{RunIdVariable}] must be 1 to {MaxRunIdLength} printable characters.");
        }

        errors.AddRange(Tables.Validate());
        return errors;
    }
}
