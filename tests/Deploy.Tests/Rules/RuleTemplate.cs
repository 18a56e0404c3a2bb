using System.Text.Json.Nodes;
using Deploy.Tests.Template;

namespace Deploy.Tests.Rules;

/// <summary>
/// Each rule holds for serverless.template, and fails on a copy broken the way a careless change would break it
/// (<see cref="CfnTemplate.With"/>): these reach the parts of a copy that the rule tests break.
/// </summary>
internal static class RuleTemplate
{
    public static JsonObject Properties(JsonObject root, string id) => root["Resources"]![id]!["Properties"]!.AsObject();

    public static JsonArray Statements(JsonObject root, string role) => Properties(root, role)["Policies"]![0]!["PolicyDocument"]!["Statement"]!.AsArray();

    public static JsonObject Variables(JsonObject root, string function) => Properties(root, function)["Environment"]!["Variables"]!.AsObject();
}
