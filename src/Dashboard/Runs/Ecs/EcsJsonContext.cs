using System.Text.Json.Serialization;

namespace Kpi.Dashboard.Runs.Ecs;

/// <summary>Source-generated JSON for the ECS wire types: camelCase as ECS uses, nulls left out.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    PropertyNameCaseInsensitive = true)]
[JsonSerializable(typeof(RunTaskRequest))]
[JsonSerializable(typeof(RunTaskResponse))]
[JsonSerializable(typeof(DescribeTasksRequest))]
[JsonSerializable(typeof(DescribeTasksResponse))]
[JsonSerializable(typeof(StopTaskRequest))]
[JsonSerializable(typeof(StopTaskResponse))]
[JsonSerializable(typeof(TaskOverride))]
[JsonSerializable(typeof(EcsErrorBody))]
internal sealed partial class EcsJsonContext : JsonSerializerContext;

/// <summary>An ECS error answer: <c>{"__type": "...#ClusterNotFoundException", "message": "..."}</c>.</summary>
internal sealed record EcsErrorBody([property: JsonPropertyName("__type")] string? Type, string? Message);
