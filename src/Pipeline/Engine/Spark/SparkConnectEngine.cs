using Kpi.Pipeline.Sources;
using Kpi.Shared.Runs;
using Microsoft.Extensions.Options;

namespace Kpi.Pipeline.Engine.Spark;

/// <summary>
/// The distributed engine: a Spark cluster reached through Spark Connect reads the CSV files itself
/// (S3 as s3a://, a local folder by its absolute path) and computes the KPIs; only the small results come back.
/// </summary>
internal sealed class SparkConnectEngine(SparkRemote remote, TimeSpan statementTimeout) : IKpiEngine
{
    public const string EngineName = RunRequest.SparkEngine;

    public static readonly TimeSpan DefaultStatementTimeout = TimeSpan.FromHours(2);

    public SparkConnectEngine(IOptions<RunRequest> options)
        : this(SparkRemote.Parse(options.Value.SparkRemote), DefaultStatementTimeout)
    {
    }

    public string Name => EngineName;

    public bool ReadsLocalFiles => false;

    public IKpiSession OpenSession(InputSet input) => new SparkSession(new SparkConnectClient(remote, statementTimeout), input);
}
