namespace Kpi.Shared.Runs;

/// <summary>One rejected input row: where it is and why it was rejected.</summary>
public sealed record RejectSample(string Table, string File, long Line, string Column, string? Value, string Reason)
{
    public override string ToString() =>
        $"{Table}: {File} line {Line}, column {Column}: {Reason} (value: {(Value is null ? "<empty>" : $"'{Value}'")})";
}
