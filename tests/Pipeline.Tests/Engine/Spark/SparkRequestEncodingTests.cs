using Google.Protobuf;
using Kpi.Pipeline.Engine.Spark;

namespace Kpi.Pipeline.Tests.Engine.Spark;

/// <summary>
/// The requests the client sends, byte by byte, against the field numbers of the reference
/// (a tag byte is field number &lt;&lt; 3 | wire type; 2 = length-delimited, 0 = varint).
/// </summary>
public sealed class SparkRequestEncodingTests
{
    private static readonly SparkSessionId Session = new("s", "u");

    [Fact]
    public void A_command_is_plan_command_sql_command_sql()
    {
        var bytes = SparkRequests.Command(Session, "op", "Q").ToByteArray();

        byte[] expected =
        [
            0x0A, 1, (byte)'s',                         // session_id = 1
            0x12, 3, 0x0A, 1, (byte)'u',                // user_context = 2 { user_id = 1 }
            0x1A, 7, 0x12, 5, 0x2A, 3, 0x0A, 1, (byte)'Q', // plan = 3 { command = 2 { sql_command = 5 { sql = 1 } } }
            0x22, 12, .. "kpi-pipeline"u8,             // client_type = 4
            0x2A, 4, 0x0A, 2, 0x08, 1,                  // request_options = 5 { reattach_options = 1 { reattachable = 1: true } }
            0x32, 2, (byte)'o', (byte)'p',              // operation_id = 6
        ];
        Assert.Equal(expected, bytes);
    }

    [Fact]
    public void A_query_is_plan_root_relation_sql_query()
    {
        var bytes = SparkRequests.Query(Session, "op", "Q").ToByteArray();

        // plan = 3 { root = 1 { sql = 10 { query = 1 } } }: field 10, wire type 2 is tag 0x52.
        Assert.Equal<byte>([0x1A, 7, 0x0A, 5, 0x52, 3, 0x0A, 1, (byte)'Q'], bytes[8..17]);
    }

    [Fact]
    public void A_reattach_names_the_operation_and_the_last_response()
    {
        var bytes = SparkRequests.Reattach(Session, "op", "r9").ToByteArray();

        byte[] expected =
        [
            0x0A, 1, (byte)'s', 0x12, 3, 0x0A, 1, (byte)'u',
            0x1A, 2, (byte)'o', (byte)'p',              // operation_id = 3
            0x22, 12, .. "kpi-pipeline"u8,             // client_type = 4
            0x2A, 2, (byte)'r', (byte)'9',              // last_response_id = 5
        ];
        Assert.Equal(expected, bytes);
    }

    [Fact]
    public void A_release_releases_all()
    {
        var bytes = SparkRequests.ReleaseAll(Session, "op").ToByteArray();

        // ... operation_id = 3, client_type = 4, release_all = 5 (an empty message).
        Assert.Equal<byte>([0x1A, 2, (byte)'o', (byte)'p'], bytes[8..12]);
        Assert.Equal<byte>([0x2A, 0], bytes[^2..]);
    }

    [Fact]
    public void A_response_with_result_complete_14_and_response_id_13_decodes()
    {
        byte[] wire = [0x6A, 2, (byte)'r', (byte)'1', 0x72, 0];

        var response = Kpi.Pipeline.Engine.Spark.Connect.ExecutePlanResponse.Parser.ParseFrom(wire);

        Assert.Equal("r1", response.ResponseId);
        Assert.NotNull(response.ResultComplete);
    }
}
