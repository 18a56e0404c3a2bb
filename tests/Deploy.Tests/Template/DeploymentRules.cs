using System.Text.Json.Nodes;

namespace Deploy.Tests.Template;

/// <summary>
/// What the shop's deployment must be, as rules over serverless.template. Each rule returns its problems, one
/// readable line each; the tests assert there are none, and that a template broken on purpose has some.
/// One file per family of rules (<c>DeploymentRules.Permissions.cs</c>, <c>.Functions.cs</c>, <c>.Queues.cs</c>,
/// <c>.Data.cs</c>, <c>.Observability.cs</c>, <c>.Edge.cs</c>, <c>.SignIn.cs</c>); this one holds what they share.
/// </summary>
public static partial class DeploymentRules
{
    private static IEnumerable<JsonNode?> List(JsonNode? node) => node is JsonArray array ? array.ToList() : new List<JsonNode?> { node };

    /// <summary>A member of an object, or null when the node is no object (a principal may be "*").</summary>
    private static JsonNode? Get(JsonNode? node, string key) => node is JsonObject o ? o[key] : null;
}
