using System.Numerics;
using System.Runtime.Intrinsics;

namespace Kpi.Pipeline.Tests.Engine.DuckDb.Screening;

/// <summary>
/// Screening's scans run as wide as the CPU's vectors. scripts/test.sh runs these tests a second time with AVX2
/// off (<c>DOTNET_EnableAVX2=0</c>): 128-bit vectors, the width arm64 gives, for <see cref="Vector{T}"/> and for
/// the span searches alike. This checks that each pass ran at the width it was meant to.
/// </summary>
public sealed class VectorWidthTests
{
    [Fact]
    public void The_scans_run_at_the_width_this_pass_asked_for()
    {
        Assert.True(Vector128.IsHardwareAccelerated, "no vector instructions: the tests would not reach the vectorised scans");
        if (Environment.GetEnvironmentVariable("DOTNET_EnableAVX2") == "0")
        {
            Assert.Equal(16, Vector<byte>.Count);
            Assert.False(Vector256.IsHardwareAccelerated);
        }
        else
        {
            Assert.True(Vector<byte>.Count >= 16);
        }
    }
}
