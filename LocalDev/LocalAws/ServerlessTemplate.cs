using System.Text.Json.Nodes;

namespace LocalDev.LocalAws;

public sealed record KeyElement(string AttributeName, string KeyType);

public sealed record IndexDefinition(string Name, IReadOnlyList<KeyElement> Key, string ProjectionType, IReadOnlyList<string> NonKeyAttributes);

public sealed record TableDefinition(
    string LogicalId,
    IReadOnlyList<KeyElement> Key,
    IReadOnlyDictionary<string, string> AttributeTypes,
    IReadOnlyList<IndexDefinition> GlobalSecondaryIndexes,
    string? TimeToLiveAttribute);

public sealed record QueueDefinition(
    string LogicalId,
    int? VisibilityTimeout,
    int? MessageRetentionPeriod,
    string? DeadLetterQueueLogicalId,
    int? MaxReceiveCount);

/// <summary>
/// The tables, queues and function settings that <c>serverless.template</c> declares, read so the local stack is
/// built from the same definitions as the cloud one. Locally a resource is named by its logical id.
/// </summary>
public sealed class ServerlessTemplate
{
    private readonly JsonObject _resources;
    private readonly JsonObject _parameters;
    private readonly JsonObject? _globalVariables;

    private ServerlessTemplate(JsonObject root)
    {
        _resources = root["Resources"]?.AsObject() ?? throw new InvalidDataException("The template has no Resources.");
        _parameters = root["Parameters"]?.AsObject() ?? [];
        _globalVariables = root["Globals"]?["Function"]?["Environment"]?["Variables"]?.AsObject();
        Tables = OfType("AWS::DynamoDB::Table").Select(r => ReadTable(r.Key, r.Value)).ToList();
        Queues = OfType("AWS::SQS::Queue").Select(r => ReadQueue(r.Key, r.Value)).ToList();
        Buckets = OfType("AWS::S3::Bucket").Select(r => r.Key).ToList();
    }

    public IReadOnlyList<TableDefinition> Tables { get; }
    public IReadOnlyList<QueueDefinition> Queues { get; }

    /// <summary>The logical ids of the template's S3 buckets.</summary>
    public IReadOnlyList<string> Buckets { get; }

    public static ServerlessTemplate Load(string path) =>
        new(JsonNode.Parse(File.ReadAllText(path))?.AsObject() ?? throw new InvalidDataException($"{path} is not a JSON object."));

    public static ServerlessTemplate Parse(string json) =>
        new(JsonNode.Parse(json)?.AsObject() ?? throw new InvalidDataException("The template is not a JSON object."));

    /// <summary>
    /// The app configuration a function gets from its environment (variables named like <c>Tables__Products</c>),
    /// with references to tables, queues and the region resolved to the local stack's names and URLs.
    /// Lambda-only variables (the adapter's, the port) are left out.
    /// </summary>
    /// <param name="localValues">Values the local stack supplies itself for settings whose AWS value has no local
    /// counterpart (Cognito's, the deployment's secrets). Only settings the template declares take them.</param>
    public IReadOnlyDictionary<string, string> AppConfiguration(
        string functionLogicalId, LocalStackNames names, IReadOnlyDictionary<string, string>? localValues = null)
    {
        var function = _resources[functionLogicalId] ?? throw new KeyNotFoundException($"No resource '{functionLogicalId}' in the template.");
        var variables = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var source in new[] { _globalVariables, function["Properties"]?["Environment"]?["Variables"]?.AsObject() })
        {
            foreach (var (key, value) in source ?? [])
            {
                if (key.Contains("__", StringComparison.Ordinal))
                {
                    // The local stack's own value for a setting whose AWS value has no local counterpart (Cognito's, the
                    // CloudFront domain), or else the template's value resolved locally.
                    variables[key] = localValues?.GetValueOrDefault(key)
                        ?? names.CloudOnlySettings.GetValueOrDefault(key)
                        ?? Resolve(value, names, $"{functionLogicalId}.{key}");
                }
            }
        }
        return variables;
    }

    /// <summary>The logical id a function's setting refers to with a <c>Ref</c> (locally, also the resource's name).</summary>
    public string RefTarget(string functionLogicalId, string variable) =>
        _resources[functionLogicalId]?["Properties"]?["Environment"]?["Variables"]?[variable]?["Ref"]?.GetValue<string>()
        ?? throw new KeyNotFoundException($"{functionLogicalId}.{variable} is not a Ref in the template.");

    private string Resolve(JsonNode? value, LocalStackNames names, string where)
    {
        if (value is JsonValue plain && plain.TryGetValue<string>(out var text))
        {
            return text;
        }
        if (value?["Ref"]?.GetValue<string>() is { } target)
        {
            if (target == "AWS::Region")
            {
                return names.Region;
            }
            if (names.Parameters.TryGetValue(target, out var localParameter))
            {
                return localParameter;
            }
            if (_parameters[target]?["Default"]?.GetValue<string>() is { } parameterDefault)
            {
                return parameterDefault;
            }
            return TypeOf(target) switch
            {
                "AWS::DynamoDB::Table" => target,
                "AWS::SQS::Queue" => names.QueueUrl(target),
                "AWS::S3::Bucket" => LocalStackNames.BucketName(target),
                var type => throw new NotSupportedException($"{where}: a Ref to {target} ({type}) has no local value."),
            };
        }
        throw new NotSupportedException($"{where}: only strings and Refs to tables, queues, buckets, parameters and AWS::Region resolve locally.");
    }

    private string? TypeOf(string logicalId) => _resources[logicalId]?["Type"]?.GetValue<string>();

    private IEnumerable<KeyValuePair<string, JsonObject>> OfType(string type) =>
        _resources.Where(r => r.Value?["Type"]?.GetValue<string>() == type)
            .Select(r => KeyValuePair.Create(r.Key, r.Value!["Properties"]?.AsObject() ?? []));

    private static TableDefinition ReadTable(string logicalId, JsonObject properties) => new(
        logicalId,
        ReadKey(properties["KeySchema"]),
        (properties["AttributeDefinitions"]?.AsArray() ?? []).ToDictionary(
            a => a!["AttributeName"]!.GetValue<string>(), a => a!["AttributeType"]!.GetValue<string>()),
        (properties["GlobalSecondaryIndexes"]?.AsArray() ?? []).Select(i => new IndexDefinition(
            i!["IndexName"]!.GetValue<string>(),
            ReadKey(i["KeySchema"]),
            i["Projection"]?["ProjectionType"]?.GetValue<string>() ?? "ALL",
            (i["Projection"]?["NonKeyAttributes"]?.AsArray() ?? []).Select(a => a!.GetValue<string>()).ToList())).ToList(),
        properties["TimeToLiveSpecification"]?["Enabled"]?.GetValue<bool>() == true
            ? properties["TimeToLiveSpecification"]!["AttributeName"]!.GetValue<string>()
            : null);

    private static List<KeyElement> ReadKey(JsonNode? schema) =>
        (schema?.AsArray() ?? []).Select(k => new KeyElement(k!["AttributeName"]!.GetValue<string>(), k["KeyType"]!.GetValue<string>())).ToList();

    private static QueueDefinition ReadQueue(string logicalId, JsonObject properties)
    {
        var redrive = properties["RedrivePolicy"];
        var target = redrive?["deadLetterTargetArn"]?["Fn::GetAtt"]?.AsArray();
        if (redrive is not null && target is null)
        {
            throw new NotSupportedException($"{logicalId}: the redrive policy must name its dead-letter queue with Fn::GetAtt [Queue, Arn].");
        }
        return new QueueDefinition(
            logicalId,
            properties["VisibilityTimeout"]?.GetValue<int>(),
            properties["MessageRetentionPeriod"]?.GetValue<int>(),
            target?[0]?.GetValue<string>(),
            redrive?["maxReceiveCount"]?.GetValue<int>());
    }
}
