using System.Text.Json;
using System.Text.Json.Nodes;

namespace Deploy.Tests.Template;

/// <summary>
/// Checks a template against the CloudFormation resource specification and itself, as far as that is possible
/// without AWS: resource types, property names, value types and required properties; that every Ref, Fn::GetAtt,
/// Fn::Sub name, Fn::FindInMap, condition and DependsOn names something the template declares; and that the
/// resources do not depend on each other in a circle. Each problem is one readable line.
/// </summary>
public sealed partial class TemplateValidator(ResourceSpecification spec)
{
    private static readonly HashSet<string> TopLevelKeys =
        ["AWSTemplateFormatVersion", "Transform", "Description", "Metadata", "Parameters", "Rules", "Mappings", "Conditions", "Globals", "Resources", "Outputs"];

    private static readonly HashSet<string> ResourceKeys =
        ["Type", "Properties", "DependsOn", "Condition", "DeletionPolicy", "UpdateReplacePolicy", "Metadata", "UpdatePolicy", "CreationPolicy"];

    /// <summary>
    /// SAM resources become these CloudFormation ones; SAM passes properties it does not know itself straight through,
    /// and Fn::GetAtt on a SAM resource reads the generated one's attributes.
    /// </summary>
    private static readonly Dictionary<string, string> SamGenerates = new(StringComparer.Ordinal)
    {
        ["AWS::Serverless::Function"] = "AWS::Lambda::Function",
        ["AWS::Serverless::HttpApi"] = "AWS::ApiGatewayV2::Api",
        ["AWS::Serverless::Api"] = "AWS::ApiGateway::RestApi",
        ["AWS::Serverless::SimpleTable"] = "AWS::DynamoDB::Table",
        ["AWS::Serverless::LayerVersion"] = "AWS::Lambda::LayerVersion",
    };

    public IReadOnlyList<string> Validate(CfnTemplate template)
    {
        var problems = new List<string>();
        foreach (var key in template.Root.Select(p => p.Key).Where(k => !TopLevelKeys.Contains(k)))
        {
            problems.Add($"{key}: not a template section");
        }
        foreach (var (id, node) in template.Resources)
        {
            ValidateResource(template, id, node?.AsObject() ?? [], problems);
        }
        if (template.GlobalFunction is { } globals)
        {
            ValidateObject("Globals.Function", globals, FunctionProperties(), "AWS::Serverless::Function", requireAll: false, problems);
        }
        ValidateReferences(template, problems);
        problems.AddRange(Cycles(template));
        return problems;
    }

    private void ValidateResource(CfnTemplate template, string id, JsonObject resource, List<string> problems)
    {
        foreach (var key in resource.Select(p => p.Key).Where(k => !ResourceKeys.Contains(k)))
        {
            problems.Add($"{id}.{key}: not an attribute of a resource");
        }
        var type = CfnTemplate.Text(resource["Type"]);
        if (type is null || !spec.HasResourceType(type))
        {
            problems.Add($"{id}: unknown resource type '{type}'");
            return;
        }
        var properties = resource["Properties"] as JsonObject ?? [];
        var definitions = type == "AWS::Serverless::Function" ? FunctionProperties() : spec.PropertiesOf(type);
        // SAM Globals may supply a function's required properties.
        var inherited = type == "AWS::Serverless::Function" ? template.GlobalFunction?.Select(g => g.Key).ToHashSet() ?? [] : [];
        ValidateObject(id, properties, definitions, type, requireAll: true, problems, inherited);
    }

    /// <summary>SAM's own function properties, plus those SAM passes through to AWS::Lambda::Function.</summary>
    private IReadOnlyDictionary<string, JsonElement> FunctionProperties()
    {
        var merged = new Dictionary<string, JsonElement>(spec.PropertiesOf("AWS::Lambda::Function"), StringComparer.Ordinal);
        foreach (var (name, definition) in spec.PropertiesOf("AWS::Serverless::Function"))
        {
            merged[name] = definition;
        }
        merged.Remove("Code"); // SAM's CodeUri replaces it
        return merged;
    }

    private void ValidateObject(
        string path, JsonObject value, IReadOnlyDictionary<string, JsonElement> definitions, string typeName, bool requireAll,
        List<string> problems, IReadOnlySet<string>? inherited = null)
    {
        foreach (var (name, member) in value)
        {
            if (!definitions.TryGetValue(name, out var definition))
            {
                problems.Add($"{path}.{name}: not a property of {typeName}");
                continue;
            }
            ValidateValue($"{path}.{name}", member, definition.GetProperty("type"), problems);
        }
        if (!requireAll)
        {
            return;
        }
        foreach (var (name, definition) in definitions)
        {
            var required = definition.TryGetProperty("required", out var r) && r.ValueKind == JsonValueKind.True;
            if (required && !value.ContainsKey(name) && inherited?.Contains(name) != true)
            {
                problems.Add($"{path}.{name}: required by {typeName} but missing");
            }
        }
    }
}
