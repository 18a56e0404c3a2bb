using System.Text.Json.Nodes;
using Deploy.Tests.Template;

namespace Deploy.Tests;

public sealed class TemplateSpecificationTests
{
    private static readonly CfnTemplate Template = CfnTemplate.Load();
    private static readonly TemplateValidator Validator = new(ResourceSpecification.Installed);

    [Fact]
    public void The_template_uses_only_resource_types_properties_and_attributes_of_the_CloudFormation_specification()
    {
        Assert.Empty(Validator.Validate(Template));
    }

    [Fact]
    public void A_misspelled_property_is_reported_with_its_path()
    {
        var broken = Template.With(t => t["Resources"]!["OrdersQueue"]!["Properties"]!["VisibilityTimeOut"] = 30);

        Assert.Contains("OrdersQueue.VisibilityTimeOut: not a property of AWS::SQS::Queue", Validator.Validate(broken));
    }

    [Fact]
    public void An_unknown_resource_type_is_reported()
    {
        var broken = Template.With(t => t["Resources"]!["OrdersQueue"]!["Type"] = "AWS::SQS::Queues");

        Assert.Contains("OrdersQueue: unknown resource type 'AWS::SQS::Queues'", Validator.Validate(broken));
    }

    [Fact]
    public void A_value_of_the_wrong_type_is_reported()
    {
        var broken = Template.With(t => t["Resources"]!["ProductsTable"]!["Properties"]!["PointInTimeRecoverySpecification"] =
            new JsonObject { ["PointInTimeRecoveryEnabled"] = "yes" });

        Assert.Contains(Validator.Validate(broken), p => p.StartsWith("ProductsTable.PointInTimeRecoverySpecification.PointInTimeRecoveryEnabled: expected true or false", StringComparison.Ordinal));
    }

    [Fact]
    public void A_misspelled_property_is_reported_where_the_specification_also_allows_any_JSON()
    {
        // KeySchema is "a list of KeySchema, or any JSON" in the specification.
        var broken = Template.With(t => t["Resources"]!["ProductsTable"]!["Properties"]!["KeySchema"]![0]!["KeyTyp"] = "HASH");

        Assert.Contains("ProductsTable.KeySchema[0].KeyTyp: not a property of KeySchema", Validator.Validate(broken));
    }

    [Fact]
    public void A_missing_required_property_is_reported()
    {
        var broken = Template.With(t => t["Resources"]!["ProductsTable"]!["Properties"]!.AsObject().Remove("KeySchema"));

        Assert.Contains("ProductsTable.KeySchema: required by AWS::DynamoDB::Table but missing", Validator.Validate(broken));
    }

    [Fact]
    public void A_property_unknown_to_a_SAM_function_is_reported_but_Lambda_properties_SAM_passes_through_are_not()
    {
        var broken = Template.With(t => t["Resources"]!["OrderWorkerFunction"]!["Properties"]!["Timout"] = 30);

        var problems = Validator.Validate(broken);

        Assert.Contains("OrderWorkerFunction.Timout: not a property of AWS::Serverless::Function", problems);
        Assert.DoesNotContain(problems, p => p.Contains("LoggingConfig", StringComparison.Ordinal));
    }

    [Fact]
    public void References_to_missing_resources_attributes_parameters_conditions_and_mappings_are_reported()
    {
        var broken = Template.With(t =>
        {
            var worker = t["Resources"]!["OrderWorkerFunction"]!["Properties"]!["Environment"]!["Variables"]!.AsObject();
            worker["Tables__Orders"] = new JsonObject { ["Ref"] = "OrdersTabel" };
            worker["Queues__OrdersArn"] = new JsonObject { ["Fn::GetAtt"] = new JsonArray("OrdersQueue", "Url") };
            worker["Shop__Sender"] = new JsonObject { ["Fn::Sub"] = "${SenderAddress}" };
            worker["Shop__Arm"] = new JsonObject { ["Fn::If"] = new JsonArray("IsArm", "a", "b") };
            worker["Shop__Policy"] = new JsonObject { ["Fn::FindInMap"] = new JsonArray("CloudFrontManagedPolicies", "CachePolicy", "CachingSometimes") };
        });

        var problems = Validator.Validate(broken);

        Assert.Contains(problems, p => p.EndsWith("Tables__Orders: 'OrdersTabel' is no parameter, resource or pseudo parameter", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.EndsWith("Queues__OrdersArn: AWS::SQS::Queue has no attribute 'Url'", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.EndsWith("Shop__Sender: 'SenderAddress' is no parameter, resource or pseudo parameter", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.EndsWith("Shop__Arm: no condition 'IsArm'", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.EndsWith("Shop__Policy: no mapping CloudFrontManagedPolicies.CachePolicy.CachingSometimes", StringComparison.Ordinal));
    }

    [Fact]
    public void The_resources_do_not_depend_on_each_other_in_a_circle()
    {
        Assert.Empty(TemplateValidator.Cycles(Template));
    }

    [Fact]
    public void A_circle_through_the_function_environment_is_reported()
    {
        // The Storefront reading its public URL from CloudFront: CloudFront → API → integration → function → CloudFront.
        var broken = Template.With(t =>
        {
            t["Resources"]!["StorefrontFunction"]!["Properties"]!["Environment"]!["Variables"]!["Shop__PublicUrl"] =
                new JsonObject { ["Fn::Sub"] = "https://${Distribution.DomainName}" };
            t["Resources"]!["Distribution"]!["DependsOn"] = "StorefrontIntegration";
        });

        Assert.Contains(TemplateValidator.Cycles(broken), c => c.Contains("StorefrontFunction", StringComparison.Ordinal) && c.Contains("Distribution", StringComparison.Ordinal));
    }
}
