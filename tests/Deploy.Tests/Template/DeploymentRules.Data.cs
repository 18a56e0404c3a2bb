using System.Text.Json.Nodes;
using static Deploy.Tests.Template.CfnTemplate;

namespace Deploy.Tests.Template;

public static partial class DeploymentRules
{
    /// <summary>Tables are on demand, with point-in-time recovery, encryption and deletion protection (switchable).</summary>
    public static IEnumerable<string> Tables(CfnTemplate template)
    {
        foreach (var (id, properties) in template.OfType("AWS::DynamoDB::Table"))
        {
            if (Text(properties["BillingMode"]) != "PAY_PER_REQUEST")
            {
                yield return $"{id}: BillingMode must be PAY_PER_REQUEST (nothing to pay at rest)";
            }
            if (properties["PointInTimeRecoverySpecification"]?["PointInTimeRecoveryEnabled"]?.GetValue<bool>() != true)
            {
                yield return $"{id}: needs point-in-time recovery";
            }
            if (properties["SSESpecification"]?["SSEEnabled"]?.GetValue<bool>() != true)
            {
                yield return $"{id}: needs SSESpecification.SSEEnabled";
            }
            if (!properties.ContainsKey("DeletionProtectionEnabled"))
            {
                yield return $"{id}: needs DeletionProtectionEnabled (from the ProtectData parameter)";
            }
        }
    }

    /// <summary>
    /// What holds data (tables, queues, the user pool, the static bucket, log groups) is kept when the stack is deleted
    /// or the resource replaced, while the ProtectData parameter says so; a deployer tearing down sets it false.
    /// </summary>
    public static IEnumerable<string> Retention(CfnTemplate template)
    {
        var protects = template.Conditions.Where(c => c.Value?["Fn::Equals"] is JsonArray { Count: 2 } equals &&
            TargetOf(equals[0]) == "ProtectData" && Text(equals[1]) == "true").Select(c => c.Key).ToHashSet();
        var stateful = new[] { "AWS::DynamoDB::Table", "AWS::SQS::Queue", "AWS::Cognito::UserPool", "AWS::S3::Bucket", "AWS::Logs::LogGroup" };
        foreach (var (id, resource) in template.Resources.Where(r => stateful.Contains(Text(r.Value?["Type"]))))
        {
            foreach (var attribute in new[] { "DeletionPolicy", "UpdateReplacePolicy" })
            {
                if (Get(resource?[attribute], "Fn::If") is not JsonArray { Count: 3 } choice || !protects.Contains(Text(choice[0]) ?? "") || Text(choice[1]) != "Retain")
                {
                    yield return $"{id}: {attribute} must be Retain while ProtectData is true (Fn::If [ProtectsData, Retain, Delete])";
                }
            }
        }
    }
}
