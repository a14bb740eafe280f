using Kpi.Dashboard.Auth;
using Kpi.Shared.Storage;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Http.HttpResults;
using Kpi.Shared.Runs;

namespace Kpi.Dashboard.Runs;

/// <summary>The runs API for automation: start a run, read one, list the latest.</summary>
public static class RunsEndpoints
{
    public const string Trigger = "api";

    public static IEndpointRouteBuilder MapRunsApi(this IEndpointRouteBuilder app)
    {
        // Problem details, never the HTML status page, whatever the status.
        var runs = app.MapGroup("/api/runs").WithTags("Runs").WithMetadata(new SkipStatusCodePagesAttribute());
        runs.MapPost("/", StartAsync)
            .Produces<RunAccepted>(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .WithSummary("Starts a pipeline run (body {}, application/json); 409 while another run is active.")
            .RequireAuthorization(DashboardPolicies.Operator);
        runs.MapGet("/{id}", GetAsync).WithName("GetRun").WithSummary("One run record; 404 for an unknown id.");
        runs.MapGet("/", ListAsync).WithSummary("The latest runs, newest first (limit 1 to 100, default 20; 400 otherwise).");
        return app;
    }

    /// <summary>
    /// JSON only: any other content type is 415, which also stops cross-site HTML form posts (they cannot send
    /// application/json without a CORS preflight).
    /// </summary>
    private static async Task<Results<Accepted<RunAccepted>, ProblemHttpResult>> StartAsync(
        RunRequester requester, HttpContext context, CancellationToken cancellationToken)
    {
        if (!context.Request.HasJsonContentType())
        {
            return TypedResults.Problem("The body must be JSON ({}), sent as application/json.", statusCode: StatusCodes.Status415UnsupportedMediaType);
        }

        try
        {
            await context.Request.ReadFromJsonAsync<RunRequestBody>(cancellationToken);
        }
        catch (System.Text.Json.JsonException ex)
        {
            return TypedResults.Problem($"The body is not valid JSON: {ex.Message}", statusCode: StatusCodes.Status400BadRequest);
        }

        if (requester.Unavailable is { } reason)
        {
            return TypedResults.Problem(reason, statusCode: StatusCodes.Status503ServiceUnavailable, title: "Runs cannot be started here");
        }

        try
        {
            var run = await requester.StartAsync(Trigger, RunUsers.NameOf(context.User), cancellationToken);
            return TypedResults.Accepted($"/api/runs/{Uri.EscapeDataString(run.RunId)}", new RunAccepted(run.RunId, run.Status.ToStoredName()));
        }
        catch (ActiveRunExistsException ex)
        {
            return TypedResults.Problem(
                ex.Message,
                statusCode: StatusCodes.Status409Conflict,
                title: "A run is already active",
                extensions: new Dictionary<string, object?> { ["activeRunId"] = ex.ActiveRunId });
        }
    }

    /// <summary>One run; an id no run can have (too long, control characters) is not looked up.</summary>
    private static async Task<Results<Ok<RunResource>, ProblemHttpResult>> GetAsync(string id, DynamoRunStore store, CancellationToken cancellationToken) =>
        id.Length <= RunRequest.MaxRunIdLength && !id.Any(char.IsControl) && await store.GetAsync(id, cancellationToken) is { } run
            ? TypedResults.Ok(RunResource.From(run))
            : TypedResults.Problem("There is no run with this id.", statusCode: StatusCodes.Status404NotFound, title: "Not found");

    private static async Task<Results<Ok<IEnumerable<RunResource>>, ProblemHttpResult>> ListAsync(DynamoRunStore store, CancellationToken cancellationToken, string? limit = null)
    {
        var count = 20;
        if (limit is not null && !(int.TryParse(limit, System.Globalization.CultureInfo.InvariantCulture, out count) && count is >= 1 and <= 100))
        {
            return TypedResults.Problem("limit must be a whole number from 1 to 100.", statusCode: StatusCodes.Status400BadRequest, title: "Bad limit");
        }

        return TypedResults.Ok((await store.ListLatestAsync(count, cancellationToken)).Select(RunResource.From));
    }
}
