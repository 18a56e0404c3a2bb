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
}
