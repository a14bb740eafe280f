using Amazon.Runtime;
using Kpi.TestSupport.FakeEcs;

namespace Kpi.Dashboard.Tests.Runs.Ecs;

/// <summary>
/// The fake's signature check against AWS's own published example (IAM ListUsers, SigV4 documentation), so it
/// verifies signatures as AWS does and not merely as the SDK computes them.
/// </summary>
public sealed class SigV4VerifierTests
{
    private const string Signature = "5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7";

    private static readonly SigV4Verifier Verifier = new(
        new ImmutableCredentials("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", null),
        "us-east-1",
        "iam",
        new ManualTime { Now = new DateTimeOffset(2015, 8, 30, 12, 36, 0, TimeSpan.Zero) },
        "content-type");

    [Fact]
    public void The_documented_example_request_verifies()
    {
        Verifier.Verify("GET", "/", "?Action=ListUsers&Version=2010-05-08", Headers(Signature), []);
    }

    [Theory]
    [InlineData("signature")]
    [InlineData("query")]
    [InlineData("body")]
    public void Any_change_to_the_example_fails_as_an_invalid_signature(string change)
    {
        var signature = change == "signature" ? Signature[..^1] + "8" : Signature;
        var query = change == "query" ? "?Action=ListUsers&Version=2010-05-09" : "?Action=ListUsers&Version=2010-05-08";
        byte[] body = change == "body" ? [(byte)'x'] : [];

        var error = Assert.Throws<FakeEcsException>(() => Verifier.Verify("GET", "/", query, Headers(signature), body));

        Assert.Equal(403, error.Status);
        Assert.Equal("InvalidSignatureException", error.Type);
    }

    private static Dictionary<string, string> Headers(string signature) => new()
    {
        ["authorization"] = $"AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/iam/aws4_request, SignedHeaders=content-type;host;x-amz-date, Signature={signature}",
        ["content-type"] = "application/x-www-form-urlencoded; charset=utf-8",
        ["host"] = "iam.amazonaws.com",
        ["x-amz-date"] = "20150830T123600Z",
    };
}
