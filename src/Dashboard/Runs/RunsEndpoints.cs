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
        runs.MapGet("/{id}", GetAsync).WithName("GetRun").WithSummary("One run record.");
        runs.MapGet("/", ListAsync).WithSummary("The latest runs, newest first (limit 1 to 100, default 20).");
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

    private static async Task<Results<Ok<RunResource>, NotFound>> GetAsync(string id, DynamoRunStore store, CancellationToken cancellationToken) =>
        await store.GetAsync(id, cancellationToken) is { } run ? TypedResults.Ok(RunResource.From(run)) : TypedResults.NotFound();

    private static async Task<Ok<IEnumerable<RunResource>>> ListAsync(DynamoRunStore store, CancellationToken cancellationToken, int limit = 20) =>
        TypedResults.Ok((await store.ListLatestAsync(Math.Clamp(limit, 1, 100), cancellationToken)).Select(RunResource.From));
}
