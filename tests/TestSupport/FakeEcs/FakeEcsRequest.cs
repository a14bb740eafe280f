using System.Text.Json.Nodes;

namespace Kpi.TestSupport.FakeEcs;

/// <summary>One request the fake received, as sent, and the status it answered.</summary>
public sealed record FakeEcsRequest(string? Target, string Body, IReadOnlyDictionary<string, string> Headers, int Status)
{
    /// <summary>The action after "AmazonEC2ContainerServiceV20141113.", e.g. RunTask.</summary>
    public string? Action => Target?.Split('.') is [_, var action] ? action : null;

    public JsonNode Json => JsonNode.Parse(Body) ?? throw new InvalidOperationException("The request body was JSON null.");
}
