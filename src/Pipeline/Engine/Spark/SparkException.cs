namespace Kpi.Pipeline.Engine.Spark;

/// <summary>Spark refused or failed a statement, or could not be reached; the message says which and why.</summary>
internal sealed class SparkException(string message, Exception? inner = null) : Exception(message, inner);
