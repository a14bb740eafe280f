namespace Kpi.Shared.Runs;

/// <summary>
/// One rejected input row: where it is and why it was rejected. <see cref="Line"/> is the physical line where
/// the record begins, or null when the engine cannot know it (Spark reading a file only the cluster sees).
/// </summary>
public sealed record RejectSample(string Table, string File, long? Line, string Column, string? Value, string Reason)
{
    public override string ToString() =>
        $"{Table}: {File}{(Line is { } line ? $" line {line}" : "")}, column {Column}: {Reason} (value: {(Value is null ? "<empty>" : $"'{Value}'")})";
}
