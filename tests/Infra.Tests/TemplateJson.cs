using System.Text.Json.Nodes;

namespace Kpi.Infra.Tests;

/// <summary>Reading a synthesized CloudFormation template.</summary>
public sealed class TemplateJson(JsonObject template)
{
    public JsonObject Root => template;

    public IEnumerable<(string Id, JsonObject Resource)> Resources(string type) =>
        template["Resources"]!.AsObject()
            .Where(pair => (string?)pair.Value!["Type"] == type)
            .Select(pair => (pair.Key, pair.Value!.AsObject()));

    public JsonObject Resource(string id) => template["Resources"]![id]!.AsObject();

    public JsonObject Properties(string id) => Resource(id)["Properties"]!.AsObject();

    /// <summary>The single resource of a type, e.g. the one task definition of the pipeline.</summary>
    public JsonObject SingleProperties(string type) => Resources(type).Single().Resource["Properties"]!.AsObject();

    /// <summary>Every statement granted to a role, inline or through attached policies of this template.</summary>
    public IReadOnlyList<JsonObject> StatementsOf(string roleId)
    {
        var inline = Properties(roleId)["Policies"]?.AsArray().SelectMany(policy => policy!["PolicyDocument"]!["Statement"]!.AsArray()) ?? [];
        var attached = Resources("AWS::IAM::Policy")
            .Where(policy => policy.Resource["Properties"]!["Roles"]!.AsArray().Any(role => JsonNode.DeepEquals(role, Ref(roleId))))
            .SelectMany(policy => policy.Resource["Properties"]!["PolicyDocument"]!["Statement"]!.AsArray());
        return [.. inline.Concat(attached).Select(statement => statement!.AsObject())];
    }

    /// <summary>The container environment of a task definition as name → value (a string or an intrinsic).</summary>
    public Dictionary<string, JsonNode> Environment(string taskDefinitionId) =>
        Properties(taskDefinitionId)["ContainerDefinitions"]![0]!["Environment"]!.AsArray()
            .ToDictionary(variable => (string)variable!["Name"]!, variable => variable!["Value"]!);

    public static JsonNode Ref(string id) => new JsonObject { ["Ref"] = id };

    public static JsonNode Arn(string id) => new JsonObject { ["Fn::GetAtt"] = new JsonArray(id, "Arn") };

    /// <summary>A statement's actions or resources as a list, whether written as one value or as an array.</summary>
    public static IReadOnlyList<JsonNode> List(JsonNode? node) => node switch
    {
        null => [],
        JsonArray array => [.. array.Select(item => item!)],
        _ => [node],
    };

    public static IReadOnlyList<string> Strings(JsonNode? node) => [.. List(node).Select(item => (string)item!)];

    /// <summary>A value as text, with intrinsics written as <c>${Ref}</c> and <c>${Id.Attribute}</c> and joins joined.</summary>
    public static string Text(JsonNode? node) => node switch
    {
        JsonValue value => value.ToString(),
        JsonObject { Count: 1 } reference when reference["Ref"] is { } target => $"${{{(string)target!}}}",
        JsonObject { Count: 1 } getAtt when getAtt["Fn::GetAtt"] is JsonArray parts => $"${{{(string)parts[0]!}.{(string)parts[1]!}}}",
        JsonObject { Count: 1 } join when join["Fn::Join"] is JsonArray parts =>
            string.Join((string)parts[0]!, parts[1]!.AsArray().Select(Text)),
        _ => node?.ToJsonString() ?? "",
    };
}
