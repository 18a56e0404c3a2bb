using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using LocalDev.LocalAws;

namespace Deploy.Tests.Template;

/// <summary>A reference from one part of the template to a parameter, a resource (or one of its attributes) or a pseudo parameter.</summary>
public sealed record Reference(string Target, string? Attribute, string Path);

/// <summary>serverless.template as JSON, with the look-ups the checks need. Tests may change a copy (<see cref="With"/>).</summary>
public sealed partial class CfnTemplate
{
    public static readonly IReadOnlySet<string> PseudoParameters = new HashSet<string>(StringComparer.Ordinal)
    {
        "AWS::AccountId", "AWS::NotificationARNs", "AWS::NoValue", "AWS::Partition", "AWS::Region",
        "AWS::StackId", "AWS::StackName", "AWS::URLSuffix",
    };

    private CfnTemplate(JsonObject root) => Root = root;

    public JsonObject Root { get; }

    public JsonObject Resources => Root["Resources"]?.AsObject() ?? [];
    public JsonObject Parameters => Root["Parameters"]?.AsObject() ?? [];
    public JsonObject Conditions => Root["Conditions"]?.AsObject() ?? [];
    public JsonObject Mappings => Root["Mappings"]?.AsObject() ?? [];
    public JsonObject Outputs => Root["Outputs"]?.AsObject() ?? [];
    public JsonObject? GlobalFunction => Root["Globals"]?["Function"]?.AsObject();

    public static CfnTemplate Load() => Parse(File.ReadAllText(RepoPaths.Template));

    public static CfnTemplate Parse(string json) =>
        new(JsonNode.Parse(json)?.AsObject() ?? throw new InvalidDataException("The template is not a JSON object."));

    /// <summary>A changed copy: the checks must fail on it (how the tests show each check can fail).</summary>
    public CfnTemplate With(Action<JsonObject> change)
    {
        var copy = Root.DeepClone().AsObject();
        change(copy);
        return new CfnTemplate(copy);
    }

    public string? TypeOf(string logicalId) => Resources[logicalId]?["Type"]?.GetValue<string>();

    public JsonObject PropertiesOf(string logicalId) => Resources[logicalId]?["Properties"]?.AsObject() ?? [];

    public IEnumerable<(string Id, JsonObject Properties)> OfType(string type) =>
        Resources.Where(r => r.Value?["Type"]?.GetValue<string>() == type).Select(r => (r.Key, PropertiesOf(r.Key)));

    public IEnumerable<string> FunctionIds => OfType("AWS::Serverless::Function").Select(f => f.Id);

    /// <summary>A function's property, from the function or else from the SAM Globals.</summary>
    public JsonNode? FunctionProperty(string functionId, string name) => PropertiesOf(functionId)[name] ?? GlobalFunction?[name];

    public IReadOnlyDictionary<string, JsonNode?> EnvironmentOf(string functionId)
    {
        var variables = new Dictionary<string, JsonNode?>(StringComparer.Ordinal);
        foreach (var source in new[] { GlobalFunction?["Environment"]?["Variables"], PropertiesOf(functionId)["Environment"]?["Variables"] })
        {
            foreach (var (key, value) in source?.AsObject() ?? [])
            {
                variables[key] = value;
            }
        }
        return variables;
    }

    public static string? Text(JsonNode? node) =>
        node is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    public static string? Number(JsonNode? node) => node is JsonValue value ? value.ToJsonString().Trim('"') : null;

    /// <summary>The logical id a <c>Ref</c> or <c>Fn::GetAtt</c> names, or null for anything else.</summary>
    public static string? TargetOf(JsonNode? node) => node switch
    {
        JsonObject o when o.Count == 1 && Text(o["Ref"]) is { } target => target,
        JsonObject o when o.Count == 1 && o["Fn::GetAtt"] is JsonArray { Count: 2 } getAtt => Text(getAtt[0]),
        JsonObject o when o.Count == 1 && Text(o["Fn::GetAtt"]) is { } dotted => dotted.Split('.')[0],
        _ => null,
    };

    public static bool IsIntrinsic(JsonNode? node) =>
        node is JsonObject { Count: 1 } o && o.First().Key is var key && (key == "Ref" || key.StartsWith("Fn::", StringComparison.Ordinal));

    /// <summary>Every Ref, Fn::GetAtt and Fn::Sub name under <paramref name="node"/>.</summary>
    public static IEnumerable<Reference> ReferencesIn(JsonNode? node, string path = "")
    {
        switch (node)
        {
            case JsonObject o when o.Count == 1 && Text(o["Ref"]) is { } target:
                yield return new Reference(target, null, path);
                break;
            case JsonObject o when o.Count == 1 && o.ContainsKey("Fn::GetAtt"):
                var getAtt = o["Fn::GetAtt"];
                if (getAtt is JsonArray { Count: 2 } pair && Text(pair[0]) is { } resource)
                {
                    yield return new Reference(resource, Text(pair[1]) ?? "?", path);
                }
                else if (Text(getAtt) is { } dotted && dotted.IndexOf('.') is > 0 and var dot)
                {
                    yield return new Reference(dotted[..dot], dotted[(dot + 1)..], path);
                }
                else
                {
                    yield return new Reference("?", "?", path + " (malformed Fn::GetAtt)");
                }
                break;
            case JsonObject o when o.Count == 1 && o.ContainsKey("Fn::Sub"):
                var sub = o["Fn::Sub"];
                var text = Text(sub) ?? Text(sub?[0]) ?? "";
                var variables = (sub as JsonArray)?.ElementAtOrDefault(1)?.AsObject();
                foreach (var name in SubNames(text).Where(n => variables is null || !variables.ContainsKey(n)))
                {
                    var dot = name.IndexOf('.');
                    yield return dot > 0 ? new Reference(name[..dot], name[(dot + 1)..], path) : new Reference(name, null, path);
                }
                foreach (var (key, value) in variables ?? [])
                {
                    foreach (var inner in ReferencesIn(value, $"{path}.{key}"))
                    {
                        yield return inner;
                    }
                }
                break;
            case JsonObject o:
                foreach (var (key, value) in o)
                {
                    foreach (var inner in ReferencesIn(value, $"{path}.{key}"))
                    {
                        yield return inner;
                    }
                }
                break;
            case JsonArray a:
                for (var i = 0; i < a.Count; i++)
                {
                    foreach (var inner in ReferencesIn(a[i], $"{path}[{i}]"))
                    {
                        yield return inner;
                    }
                }
                break;
        }
    }

    /// <summary>The <c>${Name}</c> and <c>${Resource.Attribute}</c> names of a Fn::Sub string (not the <c>${!Literal}</c> ones).</summary>
    public static IEnumerable<string> SubNames(string text) => SubName().Matches(text).Select(m => m.Groups[1].Value.Trim());

    [GeneratedRegex(@"\$\{(?!!)([^}]+)\}")]
    private static partial Regex SubName();
}
