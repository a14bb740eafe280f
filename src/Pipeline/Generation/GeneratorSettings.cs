namespace Kpi.Pipeline.Generation;

internal sealed record GeneratorSettings(int Orders, int Seed, int RowsPerFile = 25_000, int Days = 31)
{
    /// <summary>The first order day; the real data set covers March 2025.</summary>
    public DateTime Start { get; init; } = new(2025, 3, 1, 0, 0, 0, DateTimeKind.Unspecified);
}

internal sealed record GeneratorSummary(long Orders, long Items, int Products, int Files);
