using Deploy.Tests.Template;
using static Deploy.Tests.Rules.RuleTemplate;

namespace Deploy.Tests.Rules;

/// <summary>The DynamoDB tables (<see cref="DeploymentRules.Tables"/>).</summary>
public sealed class TableRulesTests
{
    private static readonly CfnTemplate Template = CfnTemplate.Load();

    [Fact]
    public void Tables_are_on_demand_with_point_in_time_recovery()
    {
        Assert.Empty(DeploymentRules.Tables(Template));
    }

    [Fact]
    public void A_provisioned_table_without_recovery_is_refused()
    {
        var broken = Template.With(t =>
        {
            Properties(t, "ProductsTable")["BillingMode"] = "PROVISIONED";
            Properties(t, "ProductsTable").Remove("PointInTimeRecoverySpecification");
        });

        var problems = DeploymentRules.Tables(broken).ToList();

        Assert.Contains(problems, p => p.StartsWith("ProductsTable: BillingMode must be PAY_PER_REQUEST", StringComparison.Ordinal));
        Assert.Contains("ProductsTable: needs point-in-time recovery", problems);
    }
}
