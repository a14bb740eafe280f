using System.Globalization;
using System.Numerics;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Kpi.Pipeline.Tests.Engine.DuckDb.Screening;

/// <summary>
/// Screening's scans run as wide as the CPU's vectors. scripts/test.sh runs these tests a second time with AVX2
/// off (<c>DOTNET_EnableAVX2=0</c>) and <c>KPI_TEST_VECTOR_BYTES=16</c>: 128-bit vectors, the width arm64 gives,
/// for <see cref="Vector{T}"/> and for the span searches alike. This checks that each pass ran at its width.
/// </summary>
public sealed class VectorWidthTests
{
    [Fact]
    public void The_scans_run_at_the_width_this_pass_asked_for()
    {
        var expected = Environment.GetEnvironmentVariable("KPI_TEST_VECTOR_BYTES") is { } bytes
            ? int.Parse(bytes, CultureInfo.InvariantCulture)
            : Avx2.IsSupported ? 32 : 16;

        Assert.True(Vector128.IsHardwareAccelerated, "no vector instructions: the tests would not reach the vectorised scans");
        Assert.Equal(expected, Vector<byte>.Count);
        Assert.Equal(expected >= 32, Vector256.IsHardwareAccelerated);
    }
}
