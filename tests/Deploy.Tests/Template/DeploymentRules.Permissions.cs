using System.Text.Json.Nodes;
using static Deploy.Tests.Template.CfnTemplate;

namespace Deploy.Tests.Template;

public static partial class DeploymentRules
{
    /// <summary>One role per function, declared in the template, with exact actions on resources the template names.</summary>
    public static IEnumerable<string> Permissions(CfnTemplate template)
    {
        var roles = new Dictionary<string, string>();
        foreach (var function in template.FunctionIds)
        {
            var properties = template.PropertiesOf(function);
            if (properties.ContainsKey("Policies"))
            {
                yield return $"{function}: SAM policy templates grant broad action lists; give the function's role exact statements instead";
            }
            var role = properties["Role"] is JsonObject r && r["Fn::GetAtt"] is JsonArray { Count: 2 } getAtt && Text(getAtt[1]) == "Arn" ? Text(getAtt[0]) : null;
            if (role is null || template.TypeOf(role) != "AWS::IAM::Role")
            {
                yield return $"{function}: Role must be Fn::GetAtt [<an AWS::IAM::Role of this template>, Arn]";
                continue;
            }
            if (roles.TryGetValue(role, out var other))
            {
                yield return $"{function}: shares its role {role} with {other}; each function has its own";
            }
            roles[role] = function;
        }

        foreach (var (permission, properties) in template.OfType("AWS::Lambda::Permission"))
        {
            if (!ReferencesIn(properties["SourceArn"]).Any(r => template.Resources.ContainsKey(r.Target)))
            {
                yield return $"{permission}: a function may only be invoked from a source of this template (SourceArn)";
            }
        }

        foreach (var (role, properties) in template.OfType("AWS::IAM::Role"))
        {
            if (properties.ContainsKey("ManagedPolicyArns"))
            {
                yield return $"{role}: managed policies are not exact; write the statements";
            }
            var trust = properties["AssumeRolePolicyDocument"]?["Statement"]?.AsArray() ?? [];
            if (trust.Count != 1 || Text(Get(trust[0]?["Principal"], "Service")) != "lambda.amazonaws.com" || Text(trust[0]?["Action"]) != "sts:AssumeRole")
            {
                yield return $"{role}: only the Lambda service may assume a function's role";
            }
            foreach (var (where, statement) in Statements(role, properties))
            {
                foreach (var problem in StatementProblems(template, where, statement))
                {
                    yield return problem;
                }
            }
        }
    }

    private static IEnumerable<(string Where, JsonObject Statement)> Statements(string role, JsonObject properties)
    {
        foreach (var policy in properties["Policies"]?.AsArray() ?? [])
        {
            var statements = policy?["PolicyDocument"]?["Statement"]?.AsArray() ?? [];
            for (var i = 0; i < statements.Count; i++)
            {
                yield return ($"{role}.{Text(policy?["PolicyName"])}[{Text(statements[i]?["Sid"]) ?? i.ToString()}]", statements[i]!.AsObject());
            }
        }
    }

    private static IEnumerable<string> StatementProblems(CfnTemplate template, string where, JsonObject statement)
    {
        if (Text(statement["Effect"]) != "Allow")
        {
            yield return $"{where}: only Allow statements (a Deny in a function role hides what is granted)";
        }
        foreach (var key in new[] { "NotAction", "NotResource", "NotPrincipal" }.Where(statement.ContainsKey))
        {
            yield return $"{where}: {key} grants everything else; name what is granted";
        }
        foreach (var action in List(statement["Action"]))
        {
            if (Text(action) is not { } name || !name.Contains(':') || name.Contains('*') || name.Contains('?'))
            {
                yield return $"{where}: action {action?.ToJsonString()} is not one exact action";
            }
        }
        foreach (var resource in List(statement["Resource"]))
        {
            if (ResourceProblem(template, resource, statement) is { } problem)
            {
                yield return $"{where}: resource {resource?.ToJsonString()} {problem}";
            }
        }
    }

    /// <summary>
    /// A resource is named by Ref/Fn::GetAtt of a template resource, or by a Fn::Sub that names one or a parameter
    /// and has no wildcard of its own but objects under one prefix of a bucket of this template. (The ARN AWS gives a
    /// log group ends in <c>:*</c>, its streams; that is exact.)
    /// One wildcard is exact in effect: SES identities, when the statement pins the From address to a parameter.
    /// </summary>
    private static string? ResourceProblem(CfnTemplate template, JsonNode? resource, JsonObject statement)
    {
        if (IsAnyIdentityOfThePinnedSender(template, resource, statement))
        {
            return null;
        }
        if (TargetOf(resource) is { } target)
        {
            return template.Resources.ContainsKey(target) ? null : "names no resource of this template";
        }
        if (resource is JsonObject o && o["Fn::Sub"] is { } sub)
        {
            var text = Text(sub) ?? Text(sub[0]) ?? "";
            if (text.Replace("${", "").Contains('*') && !IsObjectsUnderOnePrefix(template, text))
            {
                return "has a wildcard";
            }
            var names = ReferencesIn(resource).Select(r => r.Target).ToList();
            return names.Any(n => template.Resources.ContainsKey(n) || template.Parameters.ContainsKey(n))
                ? null
                : "names neither a resource nor a parameter of this template";
        }
        return "is not a reference to something this template declares";
    }

    /// <summary>
    /// In the SES sandbox SES also authorizes a send against the recipient's identity, so a role limited to the
    /// sender's identity cannot send there; every identity of the account, with the From address pinned, can.
    /// </summary>
    private static bool IsAnyIdentityOfThePinnedSender(CfnTemplate template, JsonNode? resource, JsonObject statement) =>
        Text(Get(resource, "Fn::Sub")) == "arn:${AWS::Partition}:ses:${AWS::Region}:${AWS::AccountId}:identity/*" &&
        List(statement["Action"]).All(a => Text(a)?.StartsWith("ses:", StringComparison.Ordinal) == true) &&
        TargetOf(statement["Condition"]?["StringEquals"]?["ses:FromAddress"]) is { } sender && template.Parameters.ContainsKey(sender);

    /// <summary>What each function may do, as "action on target" lines (the target: a resource or parameter the ARN names).</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> Grants(CfnTemplate template) =>
        template.FunctionIds.ToDictionary(
            f => f,
            f =>
            {
                var role = TargetOf(template.PropertiesOf(f)["Role"]) ?? "";
                return (IReadOnlyList<string>)Statements(role, template.PropertiesOf(role))
                    .SelectMany(s => List(s.Statement["Action"]).SelectMany(a => List(s.Statement["Resource"])
                        .Select(r => $"{Text(a)} on {TargetName(template, r)}{ConditionsOf(s.Statement)}")))
                    .Distinct()
                    .Order(StringComparer.Ordinal)
                    .ToList();
            });

    /// <summary>A resource or parameter's name; objects under a prefix of a bucket as <c>Bucket/prefix/*</c>.</summary>
    private static string TargetName(CfnTemplate template, JsonNode? resource) =>
        TargetOf(resource)
        ?? (Text(Get(resource, "Fn::Sub")) is { } sub && IsObjectsUnderOnePrefix(template, sub) ? sub.Replace("${", "").Replace(".Arn}", "") : null)
        ?? ReferencesIn(resource).Select(r => r.Target)
            .FirstOrDefault(n => template.Resources.ContainsKey(n) || template.Parameters.ContainsKey(n))
        ?? Text(Get(resource, "Fn::Sub"))?.Split(':')[^1] ?? "?";

    /// <summary>A statement's conditions, as " if key operator value" (a value: the parameter or resource it names, or itself).</summary>
    private static string ConditionsOf(JsonObject statement) =>
        string.Concat((statement["Condition"]?.AsObject() ?? []).SelectMany(o => (o.Value?.AsObject() ?? [])
            .Select(c => $" if {c.Key} {o.Key} {string.Join(", ", List(c.Value).Select(v => TargetOf(v) ?? Text(v) ?? "?"))}")));
}
