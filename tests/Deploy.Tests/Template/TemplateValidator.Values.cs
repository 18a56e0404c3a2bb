using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Deploy.Tests.Template;

// A value against the type the specification gives its property.
public sealed partial class TemplateValidator
{
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
}
