using System.Net;

namespace Kpi.Dashboard.Runs.Ecs;

/// <summary>ECS refused a call: its error code (e.g. ClusterNotFoundException) and message, in one readable line.</summary>
internal sealed class EcsException(string action, string errorCode, string errorMessage, HttpStatusCode? statusCode)
    : Exception($"ECS {action} refused: {errorCode}: {errorMessage}")
{
    public string Action { get; } = action;

    /// <summary>The error's short name, without the namespace ECS may put before '#'.</summary>
    public string ErrorCode { get; } = errorCode;

    public string ErrorMessage { get; } = errorMessage;

    /// <summary>The HTTP status of the answer, or null when the answer was 200 but still a failure (e.g. MISSING task).</summary>
    public HttpStatusCode? StatusCode { get; } = statusCode;
}
