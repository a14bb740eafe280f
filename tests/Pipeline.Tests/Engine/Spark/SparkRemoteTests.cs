using Kpi.Pipeline.Engine.Spark;

namespace Kpi.Pipeline.Tests.Engine.Spark;

/// <summary>The Spark Connect connection string.</summary>
public sealed class SparkRemoteTests
{
    [Fact]
    public void All_parameters_are_read()
    {
        var remote = SparkRemote.Parse("sc://spark.example.com:443/;token=abc;use_ssl=true;user_id=etl;session_id=2f1c2a47-0b8e-4d43-9d4b-0f3d39e6c0a1;x-cluster=blue");

        Assert.Equal(("spark.example.com", 443, true, "abc", "etl"), (remote.Host, remote.Port, remote.UseSsl, remote.Token, remote.UserId));
        Assert.Equal("2f1c2a47-0b8e-4d43-9d4b-0f3d39e6c0a1", remote.SessionId);
        Assert.Equal("blue", remote.Metadata["x-cluster"]);
        Assert.Equal(new Uri("https://spark.example.com:443"), remote.Address);
        Assert.Equal("sc://spark.example.com:443", remote.ToString());
    }

    [Fact]
    public void Defaults_are_port_15002_plaintext_and_no_token()
    {
        var remote = SparkRemote.Parse("sc://localhost");

        Assert.Equal((15002, false, (string?)null), (remote.Port, remote.UseSsl, remote.Token));
        Assert.Equal(new Uri("http://localhost:15002"), remote.Address);
    }

    [Theory]
    [InlineData("http://localhost:15002", "must start with sc://")]
    [InlineData("sc://localhost:15002/path", "must have an empty path")]
    [InlineData("sc://:15002", "names no valid host")]
    [InlineData("sc://localhost/;use_ssl=maybe", "use_ssl must be true or false")]
    [InlineData("sc://localhost/;token", "parameter without a value: 'token'")]
    [InlineData("sc://localhost/;session_id=42", "session_id must be a UUID")]
    public void A_bad_connection_string_says_what_is_wrong(string text, string message)
    {
        var error = Assert.Throws<FormatException>(() => SparkRemote.Parse(text));

        Assert.Contains(message, error.Message);
    }
}
