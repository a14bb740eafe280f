namespace Kpi.TestSupport.FakeEcs;

/// <summary>An error the fake answers as ECS would: HTTP status and the JSON body's __type and message.</summary>
public sealed class FakeEcsException(int status, string type, string message) : Exception(message)
{
    public int Status { get; } = status;

    public string Type { get; } = type;
}
