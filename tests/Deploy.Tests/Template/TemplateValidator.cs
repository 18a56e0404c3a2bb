using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Deploy.Tests.Template;

/// <summary>
/// Checks a template against the CloudFormation resource specification and itself, as far as that is possible
/// without AWS: resource types, property names, value types and required properties; that every Ref, Fn::GetAtt,
/// Fn::Sub name, Fn::FindInMap, condition and DependsOn names something the template declares; and that the
/// resources do not depend on each other in a circle. Each problem is one readable line.
/// </summary>
public sealed class TemplateValidator(ResourceSpecification spec)
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

    private void ValidateValue(string path, JsonNode? value, JsonElement type, List<string> problems)
    {
        if (CfnTemplate.IsIntrinsic(value))
        {
            // An Fn::If's branches must each be valid; other functions are evaluated by CloudFormation.
            if (value!["Fn::If"] is JsonArray { Count: 3 } branches)
            {
                foreach (var branch in branches.Skip(1).Where(b => CfnTemplate.TargetOf(b) != "AWS::NoValue"))
                {
                    ValidateValue(path, branch, type, problems);
                }
            }
            return;
        }
        switch (type.GetProperty("type").GetString())
        {
            case "string":
                if (value is not JsonValue)
                {
                    problems.Add($"{path}: expected a string");
                }
                break;
            case "integer":
            case "number":
                if (!IsNumber(value))
                {
                    problems.Add($"{path}: expected a number, found {value?.ToJsonString()}");
                }
                break;
            case "boolean":
                if (!IsBoolean(value))
                {
                    problems.Add($"{path}: expected true or false, found {value?.ToJsonString()}");
                }
                break;
            case "array":
                if (value is JsonArray array)
                {
                    for (var i = 0; i < array.Count; i++)
                    {
                        ValidateValue($"{path}[{i}]", array[i], type.GetProperty("element"), problems);
                    }
                }
                else
                {
                    problems.Add($"{path}: expected a list");
                }
                break;
            case "map":
                if (value is JsonObject map)
                {
                    foreach (var (key, member) in map)
                    {
                        ValidateValue($"{path}.{key}", member, type.GetProperty("element"), problems);
                    }
                }
                else
                {
                    problems.Add($"{path}: expected an object");
                }
                break;
            case "tag":
                if (value is not JsonObject tag || !tag.ContainsKey("Key") || !tag.ContainsKey("Value"))
                {
                    problems.Add($"{path}: expected a tag {{ Key, Value }}");
                }
                break;
            case "ref":
                var (name, definitions) = spec.TypeDefinition(type.GetProperty("reference").GetProperty("$ref").GetString()!);
                if (value is JsonObject obj)
                {
                    ValidateObject(path, obj, definitions, name, requireAll: true, problems);
                }
                else
                {
                    problems.Add($"{path}: expected a {name} object");
                }
                break;
            case "union":
                // Many unions end in "any JSON" (a legacy form); a value shaped like one of the described
                // alternatives must still match that alternative, or the JSON fallback would hide every typo.
                var alternatives = type.GetProperty("types").EnumerateArray().ToList();
                var described = alternatives.Where(a => a.GetProperty("type").GetString() != "json").ToList();
                var attempts = described.Select(alternative =>
                {
                    var found = new List<string>();
                    ValidateValue(path, value, alternative, found);
                    return (Shaped: HasShapeOf(value, alternative), Problems: found);
                }).ToList();
                if (attempts.Any(a => a.Problems.Count == 0))
                {
                    break;
                }
                var acceptsAnyJson = described.Count < alternatives.Count;
                if (!acceptsAnyJson || attempts.Any(a => a.Shaped))
                {
                    problems.AddRange(attempts.Where(a => a.Shaped || !acceptsAnyJson).MinBy(a => a.Problems.Count).Problems);
                }
                break;
            // "json" and anything newer: any value.
        }
    }

    private static bool HasShapeOf(JsonNode? value, JsonElement type) => (value, type.GetProperty("type").GetString()) switch
    {
        (JsonArray, "array") => true,
        (JsonObject, "ref" or "map" or "tag") => true,
        (JsonValue, "string" or "integer" or "number" or "boolean") => true,
        _ => false,
    };

    private static bool IsNumber(JsonNode? value) => value is JsonValue v && (v.TryGetValue<double>(out _) ||
        (v.TryGetValue<string>(out var s) && double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out _)));

    private static bool IsBoolean(JsonNode? value) => value is JsonValue v && (v.TryGetValue<bool>(out _) ||
        (v.TryGetValue<string>(out var s) && s is "true" or "false"));

    private void ValidateReferences(CfnTemplate template, List<string> problems)
    {
        var sections = new (string Name, JsonNode? Node)[]
        {
            ("Resources", template.Resources), ("Outputs", template.Outputs), ("Conditions", template.Conditions), ("Globals", template.Root["Globals"]),
        };
        foreach (var (section, node) in sections)
        {
            foreach (var reference in CfnTemplate.ReferencesIn(node, section))
            {
                if (Problem(template, reference) is { } problem)
                {
                    problems.Add($"{reference.Path}: {problem}");
                }
            }
            problems.AddRange(IntrinsicNames(template, node, section));
        }
        foreach (var (id, resource) in template.Resources)
        {
            foreach (var dependency in DependsOn(resource).Where(d => !template.Resources.ContainsKey(d)))
            {
                problems.Add($"Resources.{id}.DependsOn: no resource '{dependency}'");
            }
            if (CfnTemplate.Text(resource?["Condition"]) is { } condition && !template.Conditions.ContainsKey(condition))
            {
                problems.Add($"Resources.{id}.Condition: no condition '{condition}'");
            }
        }
    }

    private string? Problem(CfnTemplate template, Reference reference)
    {
        if (reference.Attribute is null)
        {
            return template.Parameters.ContainsKey(reference.Target) || template.Resources.ContainsKey(reference.Target) ||
                CfnTemplate.PseudoParameters.Contains(reference.Target)
                ? null
                : $"'{reference.Target}' is no parameter, resource or pseudo parameter";
        }
        if (template.TypeOf(reference.Target) is not { } type)
        {
            return $"no resource '{reference.Target}' (for its attribute {reference.Attribute})";
        }
        var attributesOf = SamGenerates.GetValueOrDefault(type, type);
        return spec.HasResourceType(attributesOf) && !spec.AttributesOf(attributesOf).Contains(reference.Attribute)
            ? $"{type} has no attribute '{reference.Attribute}'"
            : null;
    }

    /// <summary>Fn::If conditions and Fn::FindInMap keys name what the template declares.</summary>
    private static IEnumerable<string> IntrinsicNames(CfnTemplate template, JsonNode? node, string path)
    {
        switch (node)
        {
            case JsonObject o:
                if (o.Count == 1 && o["Fn::If"] is JsonArray { Count: 3 } fnIf && CfnTemplate.Text(fnIf[0]) is { } condition &&
                    !template.Conditions.ContainsKey(condition))
                {
                    yield return $"{path}: no condition '{condition}'";
                }
                if (o.Count == 1 && o["Fn::FindInMap"] is JsonArray { Count: 3 } find &&
                    find.Select(CfnTemplate.Text).ToArray() is [{ } map, { } top, { } second] &&
                    template.Mappings[map]?[top]?[second] is null)
                {
                    yield return $"{path}: no mapping {map}.{top}.{second}";
                }
                foreach (var (key, value) in o)
                {
                    foreach (var problem in IntrinsicNames(template, value, $"{path}.{key}"))
                    {
                        yield return problem;
                    }
                }
                break;
            case JsonArray a:
                for (var i = 0; i < a.Count; i++)
                {
                    foreach (var problem in IntrinsicNames(template, a[i], $"{path}[{i}]"))
                    {
                        yield return problem;
                    }
                }
                break;
        }
    }

    private static IEnumerable<string> DependsOn(JsonNode? resource) => resource?["DependsOn"] switch
    {
        JsonArray list => list.Select(CfnTemplate.Text).OfType<string>(),
        JsonValue single when CfnTemplate.Text(single) is { } name => [name],
        _ => [],
    };

    /// <summary>
    /// Resources that depend on each other in a circle, which CloudFormation refuses. Edges: Ref, Fn::GetAtt and
    /// Fn::Sub names, DependsOn, and the SAM Globals for every SAM function.
    /// </summary>
    public static IReadOnlyList<string> Cycles(CfnTemplate template)
    {
        var globals = CfnTemplate.ReferencesIn(template.Root["Globals"]).Select(r => r.Target).ToList();
        var edges = template.Resources.ToDictionary(
            r => r.Key,
            r => CfnTemplate.ReferencesIn(r.Value).Select(x => x.Target)
                .Concat(DependsOn(r.Value))
                .Concat(template.TypeOf(r.Key)?.StartsWith("AWS::Serverless::", StringComparison.Ordinal) == true ? globals : [])
                .Where(t => template.Resources.ContainsKey(t) && t != r.Key)
                .Distinct()
                .ToList());
        var state = new Dictionary<string, int>(); // 1: on the current path, 2: done
        var path = new List<string>();
        var cycles = new List<string>();

        void Visit(string node)
        {
            state[node] = 1;
            path.Add(node);
            foreach (var next in edges[node])
            {
                if (state.GetValueOrDefault(next) == 1)
                {
                    cycles.Add("circular dependency: " + string.Join(" → ", path.SkipWhile(n => n != next).Append(next)));
                }
                else if (state.GetValueOrDefault(next) == 0)
                {
                    Visit(next);
                }
            }
            path.RemoveAt(path.Count - 1);
            state[node] = 2;
        }

        foreach (var node in edges.Keys.Where(n => state.GetValueOrDefault(n) == 0))
        {
            Visit(node);
        }
        return cycles;
    }
}
