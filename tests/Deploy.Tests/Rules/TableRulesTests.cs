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

    [Fact]
    public void Data_is_kept_on_delete_and_replacement_while_ProtectData_is_true()
    {
        Assert.Empty(DeploymentRules.Retention(Template));
    }

    [Fact]
    public void A_table_or_log_group_deleted_with_the_stack_is_refused()
    {
        var broken = Template.With(t =>
        {
            t["Resources"]!["OrdersTable"]!.AsObject().Remove("DeletionPolicy");
            t["Resources"]!["StorefrontLogGroup"]!["UpdateReplacePolicy"] = "Delete";
        });

        Assert.Equal(
            [
                "StorefrontLogGroup: UpdateReplacePolicy must be Retain while ProtectData is true (Fn::If [ProtectsData, Retain, Delete])",
                "OrdersTable: DeletionPolicy must be Retain while ProtectData is true (Fn::If [ProtectsData, Retain, Delete])",
            ],
            DeploymentRules.Retention(broken));
    }
}
