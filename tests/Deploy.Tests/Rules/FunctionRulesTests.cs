using System.Text.Json.Nodes;
using Deploy.Tests.Template;
using static Deploy.Tests.Rules.RuleTemplate;

namespace Deploy.Tests.Rules;

/// <summary>How the functions run, and that their settings name what they may use (<see cref="DeploymentRules.Functions"/>, <see cref="DeploymentRules.Settings"/>).</summary>
public sealed class FunctionRulesTests
{
    private static readonly CfnTemplate Template = CfnTemplate.Load();

    [Fact]
    public void Every_table_and_queue_setting_names_a_declared_resource_the_function_may_use()
    {
        // Known and accepted: QueueOptions requires the dead-letter queue's URL in both apps, but the worker never
        // reads it, so its role grants nothing on it (the Storefront's operations page does use it).
        Assert.Equal(
            [
                "OrderWorkerFunction.Queues__OrdersDeadLetter: the function's role grants nothing on OrdersDeadLetterQueue",
            ],
            DeploymentRules.Settings(Template));
    }

    [Fact]
    public void A_setting_naming_an_undeclared_table_or_one_the_role_cannot_use_is_refused()
    {
        var broken = Template.With(t =>
        {
            Variables(t, "StorefrontFunction")["Tables__Orders"] = "orders";
            var statements = Statements(t, "OrderWorkerRole");
            statements.Remove(statements.Single(s => s!["Sid"]!.GetValue<string>() == "CheckProductsTable"));
        });

        var problems = DeploymentRules.Settings(broken).ToList();

        Assert.Contains("StorefrontFunction.Tables__Orders: must be a Ref to an AWS::DynamoDB::Table of this template", problems);
        Assert.Contains("OrderWorkerFunction.Tables__Products: the function's role grants nothing on ProductsTable", problems);
    }

    [Fact]
    public void Both_functions_run_behind_the_web_adapter_on_the_dotnet10_runtime()
    {
        Assert.Empty(DeploymentRules.Functions(Template));
    }

    [Fact]
    public void A_worker_whose_5xx_would_not_fail_the_invocation_or_a_wrong_layer_or_port_is_refused()
    {
        var broken = Template.With(t =>
        {
            Variables(t, "OrderWorkerFunction").Remove("AWS_LWA_ERROR_STATUS_CODES");
            Variables(t, "StorefrontFunction")["AWS_LWA_PORT"] = "8081";
            t["Globals"]!["Function"]!["Layers"]![0]!["Fn::If"]![2] = new JsonObject { ["Fn::Sub"] = "arn:aws:lambda:${AWS::Region}:753240598075:layer:LambdaAdapterLayerX86:25" };
        });

        var problems = DeploymentRules.Functions(broken).ToList();

        Assert.Contains(problems, p => p.StartsWith("OrderWorkerFunction: AWS_LWA_ERROR_STATUS_CODES", StringComparison.Ordinal));
        Assert.Contains("StorefrontFunction: AWS_LWA_PORT and ASPNETCORE_HTTP_PORTS must name the same port", problems);
        Assert.Contains(problems, p => p.StartsWith("OrderWorkerFunction: Layers must be the adapter layer", StringComparison.Ordinal));
    }
}
