namespace Kpi.Pipeline;

/// <summary>The input breaks the contract: the run stops before anything is written (exit code 2).</summary>
internal sealed class InputException(string message, Exception? inner = null) : Exception(message, inner);
