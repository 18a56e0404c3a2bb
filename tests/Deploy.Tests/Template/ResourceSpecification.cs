using System.IO.Compression;
using System.Text.Json;
using LocalDev.LocalAws;

namespace Deploy.Tests.Template;

/// <summary>
/// The CloudFormation resource specification as the npm package <c>@aws-cdk/aws-service-spec</c> ships it
/// (<c>db.json.gz</c>: every resource type with its properties, their types and which are required, its attributes,
/// and the property types they use). It also holds the SAM resource types, from an older SAM specification.
/// </summary>
public sealed class ResourceSpecification
{
    public const string PackageFile = "node_modules/@aws-cdk/aws-service-spec/db.json.gz";

    private static readonly Lazy<ResourceSpecification> Shared = new(() => Load(Path.Combine(RepoPaths.Root, PackageFile)));

    private readonly Dictionary<string, JsonElement> _resources = new(StringComparer.Ordinal);
    private readonly Dictionary<string, JsonElement> _types = new(StringComparer.Ordinal);

    private ResourceSpecification(JsonDocument document)
    {
        var schema = document.RootElement.GetProperty("schema");
        foreach (var resource in schema.GetProperty("resource").GetProperty("entities").EnumerateArray())
        {
            _resources[resource.GetProperty("cloudFormationType").GetString()!] = resource;
        }
        foreach (var type in schema.GetProperty("typeDefinition").GetProperty("entities").EnumerateArray())
        {
            _types[type.GetProperty("$id").GetString()!] = type;
        }
    }

    /// <summary>The copy installed by <c>npm ci</c> (test.sh runs it first).</summary>
    public static ResourceSpecification Installed => Shared.Value;

    public static ResourceSpecification Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"The CloudFormation resource specification is missing: run npm ci (test.sh does) to install {PackageFile}.", path);
        }
        using var gzip = new GZipStream(File.OpenRead(path), CompressionMode.Decompress);
        return new ResourceSpecification(JsonDocument.Parse(gzip));
    }

    public bool HasResourceType(string type) => _resources.ContainsKey(type);

    /// <summary>Properties of a resource type (name → definition with <c>type</c> and optional <c>required</c>).</summary>
    public IReadOnlyDictionary<string, JsonElement> PropertiesOf(string type) => Members(_resources[type], "properties");

    public IReadOnlySet<string> AttributesOf(string type) => Members(_resources[type], "attributes").Keys.ToHashSet(StringComparer.Ordinal);

    public (string Name, IReadOnlyDictionary<string, JsonElement> Properties) TypeDefinition(string id) =>
        (_types[id].GetProperty("name").GetString()!, Members(_types[id], "properties"));

    private static Dictionary<string, JsonElement> Members(JsonElement element, string name) =>
        element.TryGetProperty(name, out var members)
            ? members.EnumerateObject().ToDictionary(p => p.Name, p => p.Value, StringComparer.Ordinal)
            : [];
}
