using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using static Deploy.Tests.Template.CfnTemplate;

namespace Deploy.Tests.Template;

/// <summary>
/// A function's app settings as Lambda would see them after a deployment: the template's <c>Section__Key</c>
/// variables with every reference replaced by a value shaped like the one CloudFormation gives (a queue's Ref is a
/// queue URL, a table's its name, …). Parameters without a default take the sample values below.
/// </summary>
public static partial class CloudSettings
{
    public const string Region = "eu-west-1";
    public const string StackName = "northwind";

    /// <summary>What a deployer passes for the parameters that have no default. A new required parameter needs one here.</summary>
    public static readonly IReadOnlyDictionary<string, string> SampleParameters = new Dictionary<string, string>
    {
        ["SenderEmailAddress"] = "orders@example.com",
        ["AuthDomainPrefix"] = "northwind-goods",
        ["DataProtectionKeyEncryptionKey"] = Convert.ToBase64String(new byte[32]),
        ["OriginSecret"] = "sample-origin-secret-0123456789abcdef",
    };

    public const string SampleDomainName = "shop.example.com";

    /// <summary>The template as deployed with the optional DomainName and CertificateArn given.</summary>
    public static CfnTemplate AtOwnDomain(CfnTemplate template) => template.With(t =>
    {
        t["Parameters"]!["DomainName"]!["Default"] = SampleDomainName;
        t["Parameters"]!["CertificateArn"]!["Default"] = "arn:aws:acm:us-east-1:123456789012:certificate/0a1b2c3d-4e5f-6789-abcd-ef0123456789";
    });

    public static Dictionary<string, string?> For(CfnTemplate template, string functionId) =>
        template.EnvironmentOf(functionId)
            .Where(v => v.Key.Contains("__", StringComparison.Ordinal))
            .ToDictionary(v => v.Key, v => (string?)Resolve(template, v.Value));

    public static string Resolve(CfnTemplate template, JsonNode? value)
    {
        if (Text(value) is { } text)
        {
            return text;
        }
        if (value is JsonValue number)
        {
            return number.ToJsonString();
        }
        if (value is JsonObject { Count: 1 } function)
        {
            var (name, argument) = function.First();
            switch (name)
            {
                case "Ref":
                    return Ref(template, Text(argument)!);
                case "Fn::GetAtt":
                    return Attribute(template, Text(argument?[0])!, Text(argument?[1])!);
                case "Fn::Sub":
                    var format = Text(argument) ?? Text(argument?[0])!;
                    var variables = (argument as JsonArray)?.ElementAtOrDefault(1)?.AsObject();
                    return SubName().Replace(format, m =>
                    {
                        var reference = m.Groups[1].Value;
                        if (variables?[reference] is { } variable)
                        {
                            return Resolve(template, variable);
                        }
                        var dot = reference.IndexOf('.');
                        return dot > 0 ? Attribute(template, reference[..dot], reference[(dot + 1)..]) : Ref(template, reference);
                    });
                case "Fn::Join":
                    return string.Join(Text(argument?[0]), argument![1]!.AsArray().Select(v => Resolve(template, v)));
                case "Fn::Select":
                    return Resolve(template, argument![1]!.AsArray()[int.Parse(Resolve(template, argument[0]))]);
                case "Fn::If":
                    return Resolve(template, Holds(template, template.Conditions[Text(argument![0])!]) ? argument[1] : argument[2]);
            }
        }
        throw new NotSupportedException($"No cloud-like value for {value?.ToJsonString()}; teach {nameof(CloudSettings)} its shape.");
    }

    /// <summary>Whether a condition holds for the parameters' defaults and sample values.</summary>
    private static bool Holds(CfnTemplate template, JsonNode? condition)
    {
        if (condition is not JsonObject { Count: 1 } function)
        {
            throw new NotSupportedException($"Not a condition: {condition?.ToJsonString()}");
        }
        var (name, argument) = function.First();
        return name switch
        {
            "Fn::Equals" => Resolve(template, argument![0]) == Resolve(template, argument[1]),
            "Fn::Not" => !Holds(template, argument![0]),
            "Fn::And" => argument!.AsArray().All(c => Holds(template, c)),
            "Fn::Or" => argument!.AsArray().Any(c => Holds(template, c)),
            "Condition" => Holds(template, template.Conditions[Text(argument)!]),
            _ => throw new NotSupportedException($"No condition function {name}."),
        };
    }

    private static string Ref(CfnTemplate template, string target) => target switch
    {
        "AWS::Region" => Region,
        "AWS::AccountId" => "123456789012",
        "AWS::StackName" => StackName,
        "AWS::Partition" => "aws",
        "AWS::URLSuffix" => "amazonaws.com",
        _ when template.Parameters[target] is { } parameter =>
            parameter["Default"] is { } fallback ? Resolve(template, fallback) :
            SampleParameters.TryGetValue(target, out var sample) ? sample :
            throw new InvalidOperationException($"Parameter {target} has no default: add a sample value to {nameof(CloudSettings)}.{nameof(SampleParameters)}."),
        _ => template.TypeOf(target) switch
        {
            "AWS::SQS::Queue" => $"https://sqs.{Region}.amazonaws.com/123456789012/{StackName}-{target}-1A2B3C4D5E6F",
            "AWS::DynamoDB::Table" => $"{StackName}-{target}-1A2B3C4D5E6F",
            "AWS::S3::Bucket" => $"{StackName}-{target}-1a2b3c4d5e6f".ToLowerInvariant(),
            "AWS::Cognito::UserPool" => $"{Region}_AbCdEfGhI",
            "AWS::Cognito::UserPoolClient" => "1example23456789abcdefghij",
            "AWS::Cognito::UserPoolDomain" => SampleParameters["AuthDomainPrefix"],
            null => throw new InvalidOperationException($"No resource or parameter {target}."),
            _ => $"{StackName}-{target}-1A2B3C4D5E6F",
        },
    };

    private static string Attribute(CfnTemplate template, string target, string attribute) => (template.TypeOf(target), attribute) switch
    {
        ("AWS::CloudFront::Distribution", "DomainName") => "d111111abcdef8.cloudfront.net",
        ("AWS::Cognito::UserPoolClient", "ClientSecret") => "example-client-secret",
        (_, "Arn") => $"arn:aws:service:{Region}:123456789012:{StackName}-{target}",
        (null, _) => throw new InvalidOperationException($"No resource {target}."),
        _ => $"{StackName}-{target}-{attribute}",
    };

    [GeneratedRegex(@"\$\{(?!!)([^}]+)\}")]
    private static partial Regex SubName();
}
