using Kpi.Pipeline.Engine.Spark.Connect;

namespace Kpi.Pipeline.Engine.Spark;

/// <summary>The requests the client sends, built in one place (and checked byte by byte in the tests).</summary>
internal static class SparkRequests
{
    public const string ClientType = "kpi-pipeline";

    /// <summary>A statement run as a command (DDL: views and the like).</summary>
    public static ExecutePlanRequest Command(SparkSessionId session, string operationId, string sql) =>
        Execute(session, operationId, new Plan { Command = new Command { SqlCommand = new SqlCommand { Sql = sql } } });

    /// <summary>A query whose rows come back as Arrow batches.</summary>
    public static ExecutePlanRequest Query(SparkSessionId session, string operationId, string sql) =>
        Execute(session, operationId, new Plan { Root = new Relation { Sql = new SQL { Query = sql } } });

    public static ReattachExecuteRequest Reattach(SparkSessionId session, string operationId, string? lastResponseId)
    {
        var request = new ReattachExecuteRequest
        {
            SessionId = session.Id,
            UserContext = new UserContext { UserId = session.UserId },
            OperationId = operationId,
            ClientType = ClientType,
        };
        if (lastResponseId is not null)
        {
            request.LastResponseId = lastResponseId;
        }

        return request;
    }

    public static ReleaseExecuteRequest ReleaseAll(SparkSessionId session, string operationId) => new()
    {
        SessionId = session.Id,
        UserContext = new UserContext { UserId = session.UserId },
        OperationId = operationId,
        ClientType = ClientType,
        ReleaseAll = new ReleaseExecuteRequest.Types.ReleaseAll(),
    };

    private static ExecutePlanRequest Execute(SparkSessionId session, string operationId, Plan plan) => new()
    {
        SessionId = session.Id,
        UserContext = new UserContext { UserId = session.UserId },
        Plan = plan,
        ClientType = ClientType,
        OperationId = operationId,
        RequestOptions = { new ExecutePlanRequest.Types.RequestOption { ReattachOptions = new ReattachOptions { Reattachable = true } } },
    };
}

/// <summary>The Spark session a client works in, and the user it acts for.</summary>
internal sealed record SparkSessionId(string Id, string UserId);
