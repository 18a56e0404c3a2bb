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
        Assert.Contains("UserPoolClient: CallbackURLs must be https URLs on the shop's public origin (Auth__PublicOrigin)", problems);
    }

    [Fact]
    public void The_stack_outputs_the_shop_url_and_what_a_deployer_needs_next()
    {
        Assert.Empty(DeploymentRules.Outputs(Template));
        Assert.Contains("Outputs: ShopUrl is missing", DeploymentRules.Outputs(Template.With(t => t["Outputs"]!.AsObject().Remove("ShopUrl"))));
    }

    [Fact]
    public void At_its_own_domain_the_shop_signs_in_links_and_is_served_there_and_without_one_at_the_CloudFront_domain()
    {
        var own = CloudSettings.AtOwnDomain(Template);
        var config = own.PropertiesOf("Distribution")["DistributionConfig"]!;

        Assert.Equal("https://shop.example.com", CloudSettings.For(own, "StorefrontFunction")["Auth__PublicOrigin"]);
        Assert.Equal("https://shop.example.com", CloudSettings.For(own, "OrderWorkerFunction")["ConfirmationEmail__StorefrontUrl"]);
        Assert.Equal("https://shop.example.com/signin-oidc", CloudSettings.Resolve(own, Properties(own.Root, "UserPoolClient")["CallbackURLs"]![0]));
        Assert.Equal("https://shop.example.com/", CloudSettings.Resolve(own, own.Outputs["ShopUrl"]!["Value"]));
        Assert.Equal("https://d111111abcdef8.cloudfront.net", CloudSettings.For(Template, "StorefrontFunction")["Auth__PublicOrigin"]);
        // The distribution answers to the domain with its certificate only when both are given.
        Assert.Equal(["HasDomainName", "DomainName"], [config["Aliases"]!["Fn::If"]![0]!.GetValue<string>(), CfnTemplate.TargetOf(config["Aliases"]!["Fn::If"]![1]![0])!]);
        Assert.Equal("CertificateArn", CfnTemplate.TargetOf(config["ViewerCertificate"]!["Fn::If"]![1]!["AcmCertificateArn"]));
        Assert.Equal("sni-only", config["ViewerCertificate"]!["Fn::If"]![1]!["SslSupportMethod"]!.GetValue<string>());
    }
}
