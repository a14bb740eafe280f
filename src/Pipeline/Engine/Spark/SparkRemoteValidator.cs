using Kpi.Shared.Runs;
using Microsoft.Extensions.Options;

namespace Kpi.Pipeline.Engine.Spark;

/// <summary>With <c>--engine spark</c>, <c>--spark-remote</c> is required and must be a valid connection string.</summary>
internal sealed class SparkRemoteValidator : IValidateOptions<RunRequest>
{
    private const string Setting = $"--spark-remote [{RunRequest.SparkRemoteVariable}]";

    public ValidateOptionsResult Validate(string? name, RunRequest options)
    {
        if (options.Engine != SparkConnectEngine.EngineName)
        {
            return ValidateOptionsResult.Success;
        }

        if (options.SparkRemote.Length == 0)
        {
            return ValidateOptionsResult.Fail($"{Setting} is required with --engine spark, e.g. sc://host:15002/;token=...");
        }

        try
        {
            SparkRemote.Parse(options.SparkRemote);
            return ValidateOptionsResult.Success;
        }
        catch (FormatException ex)
        {
            return ValidateOptionsResult.Fail($"{Setting} {ex.Message}.");
        }
    }
}
