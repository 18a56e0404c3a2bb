using static Deploy.Tests.Template.CfnTemplate;

namespace Deploy.Tests.Template;

public static partial class DeploymentRules
{
    /// <summary>Cognito: email sign-in with verification and a password policy; a confidential code-flow client on the shop's URL.</summary>
    public static IEnumerable<string> SignIn(CfnTemplate template)
    {
        var pool = template.PropertiesOf("UserPool");
        if (template.TypeOf("UserPool") != "AWS::Cognito::UserPool")
        {
            yield return "UserPool: an AWS::Cognito::UserPool is missing";
            yield break;
        }
        if (!(pool["UsernameAttributes"]?.AsArray() ?? []).Select(Text).SequenceEqual(["email"]))
        {
            yield return "UserPool: shoppers sign in with their email address (UsernameAttributes [email])";
        }
        if (!(pool["AutoVerifiedAttributes"]?.AsArray() ?? []).Any(a => Text(a) == "email"))
        {
            yield return "UserPool: email addresses must be verified (AutoVerifiedAttributes)";
        }
        var password = pool["Policies"]?["PasswordPolicy"];
        if (!int.TryParse(Number(password?["MinimumLength"]), out var length) || length < 8 ||
            new[] { "RequireLowercase", "RequireUppercase", "RequireNumbers", "RequireSymbols" }.Any(k => password?[k]?.GetValue<bool>() != true))
        {
            yield return "UserPool: passwords need 8+ characters with lower and upper case, a digit and a symbol";
        }
        if (template.TypeOf("UserPoolDomain") != "AWS::Cognito::UserPoolDomain")
        {
            yield return "UserPoolDomain: the hosted-UI domain is missing";
        }
        var client = template.PropertiesOf("UserPoolClient");
        if (client["GenerateSecret"]?.GetValue<bool>() != true)
        {
            yield return "UserPoolClient: the Storefront is a confidential client (GenerateSecret)";
        }
        if (!(client["AllowedOAuthFlows"]?.AsArray() ?? []).Select(Text).SequenceEqual(["code"]))
        {
            yield return "UserPoolClient: the authorization code flow only";
        }
        // Cognito sends shoppers back only where the Storefront builds its redirects: its public origin, whether the
        // shop lives at the CloudFront domain or at its own.
        foreach (var key in new[] { "CallbackURLs", "LogoutURLs" })
        {
            var onTheShop = new[] { template, CloudSettings.AtOwnDomain(template) }.All(shape =>
            {
                var origin = CloudSettings.For(shape, "StorefrontFunction").GetValueOrDefault("Auth__PublicOrigin") ?? "";
                var urls = shape.PropertiesOf("UserPoolClient")[key]?.AsArray() ?? [];
                return origin.StartsWith("https://", StringComparison.Ordinal) && urls.Count > 0 &&
                    urls.All(u => CloudSettings.Resolve(shape, u).StartsWith(origin + "/", StringComparison.Ordinal));
            });
            if (!onTheShop)
            {
                yield return $"UserPoolClient: {key} must be https URLs on the shop's public origin (Auth__PublicOrigin)";
            }
        }
        if ((client["ExplicitAuthFlows"]?.AsArray() ?? []).Any(f => Text(f) is "ALLOW_USER_PASSWORD_AUTH" or "USER_PASSWORD_AUTH"))
        {
            yield return "UserPoolClient: passwords go to the hosted UI only, never through the app (no USER_PASSWORD_AUTH)";
        }
    }

    /// <summary>The outputs a deployer needs.</summary>
    public static IEnumerable<string> Outputs(CfnTemplate template) =>
        new[] { "ShopUrl", "UserPoolId", "UserPoolClientId", "HostedUiDomain", "StaticBucketName", "DistributionId", "ProductsTableName" }
            .Where(name => !template.Outputs.ContainsKey(name))
            .Select(name => $"Outputs: {name} is missing");
}
