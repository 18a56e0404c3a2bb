using System.Text.Json.Nodes;
using Deploy.Tests.Template;
using static Deploy.Tests.Rules.RuleTemplate;

namespace Deploy.Tests.Rules;

/// <summary>Cognito, and the outputs a deployer needs (<see cref="DeploymentRules.SignIn"/>, <see cref="DeploymentRules.Outputs"/>).</summary>
public sealed class SignInRulesTests
{
    private static readonly CfnTemplate Template = CfnTemplate.Load();

    [Fact]
    public void Shoppers_sign_in_with_a_verified_email_through_a_confidential_code_flow_client_on_the_shop_url()
    {
        Assert.Empty(DeploymentRules.SignIn(Template));
    }

    [Fact]
    public void A_weak_password_policy_an_implicit_flow_or_a_plain_http_callback_is_refused()
    {
        var broken = Template.With(t =>
        {
            Properties(t, "UserPool")["Policies"]!["PasswordPolicy"]!["RequireSymbols"] = false;
            Properties(t, "UserPoolClient")["AllowedOAuthFlows"] = new JsonArray("code", "implicit");
            Properties(t, "UserPoolClient")["CallbackURLs"] = new JsonArray(new JsonObject { ["Fn::Sub"] = "http://${Distribution.DomainName}/signin-oidc" });
        });

        var problems = DeploymentRules.SignIn(broken).ToList();

        Assert.Contains(problems, p => p.StartsWith("UserPool: passwords need 8+ characters", StringComparison.Ordinal));
        Assert.Contains("UserPoolClient: the authorization code flow only", problems);
        Assert.Contains("UserPoolClient: CallbackURLs must be https URLs on the CloudFront domain", problems);
    }

    [Fact]
    public void The_stack_outputs_the_shop_url_and_what_a_deployer_needs_next()
    {
        Assert.Empty(DeploymentRules.Outputs(Template));
        Assert.Contains("Outputs: ShopUrl is missing", DeploymentRules.Outputs(Template.With(t => t["Outputs"]!.AsObject().Remove("ShopUrl"))));
    }
}
