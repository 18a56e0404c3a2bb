using System.Text.Json.Nodes;
using Deploy.Tests.Template;
using static Deploy.Tests.Rules.RuleTemplate;

namespace Deploy.Tests.Rules;

/// <summary>CloudFront, the static files' bucket and their headers (<see cref="DeploymentRules.Edge"/>).</summary>
public sealed class EdgeRulesTests
{
    private static readonly CfnTemplate Template = CfnTemplate.Load();

    [Fact]
    public void CloudFront_serves_the_api_uncached_and_static_files_from_a_private_bucket()
    {
        Assert.Empty(DeploymentRules.Edge(Template));
    }

    [Fact]
    public void CloudFront_names_are_unique_to_the_stack_and_region()
    {
        Assert.Empty(DeploymentRules.GlobalNames(Template));
        var broken = Template.With(t =>
            Properties(t, "StaticOriginAccessControl")["OriginAccessControlConfig"]!["Name"] = new JsonObject { ["Fn::Sub"] = "${AWS::StackName}-static" });

        Assert.Equal(
            ["StaticOriginAccessControl: its Name is global to the account: build it from ${AWS::StackName} and ${AWS::Region}"],
            DeploymentRules.GlobalNames(broken));
    }

    [Fact]
    public void Plain_http_a_cached_api_a_public_bucket_or_a_bucket_open_to_others_is_refused()
    {
        var broken = Template.With(t =>
        {
            var config = Properties(t, "Distribution")["DistributionConfig"]!;
            config["DefaultCacheBehavior"]!["ViewerProtocolPolicy"] = "allow-all";
            config["DefaultCacheBehavior"]!["CachePolicyId"]!["Fn::FindInMap"]![2] = "CachingOptimized";
            Properties(t, "StaticBucket")["PublicAccessBlockConfiguration"]!["BlockPublicPolicy"] = false;
            Properties(t, "StaticBucketPolicy")["PolicyDocument"]!["Statement"]![0]!["Principal"] = "*";
        });

        var problems = DeploymentRules.Edge(broken).ToList();

        Assert.Contains("Distribution: behaviour default must be HTTPS only", problems);
        Assert.Contains(problems, p => p.StartsWith("Distribution: the API's pages are per shopper", StringComparison.Ordinal));
        Assert.Contains("StaticBucket: must block all public access", problems);
        Assert.Contains("StaticBucket: the bucket policy may only let this distribution read objects", problems);
    }

    [Fact]
    public void Static_files_served_without_a_response_headers_policy_are_refused()
    {
        var broken = Template.With(t => Properties(t, "Distribution")["DistributionConfig"]!["CacheBehaviors"]![0]!.AsObject().Remove("ResponseHeadersPolicyId"));

        Assert.Contains(
            "Distribution: behaviour /static/* serves the bucket without security headers: needs a ResponseHeadersPolicyId of this template",
            DeploymentRules.Edge(broken));
    }

    [Fact]
    public void A_static_files_headers_policy_that_drops_nosniff_is_refused()
    {
        var broken = Template.With(t =>
            Properties(t, "StaticFilesHeadersPolicy")["ResponseHeadersPolicyConfig"]!["SecurityHeadersConfig"]!.AsObject().Remove("ContentTypeOptions"));

        Assert.Equal(
            [
                "Distribution: behaviour /static/* gets no X-Content-Type-Options: nosniff from StaticFilesHeadersPolicy (SecurityHeadersConfig.ContentTypeOptions)",
                "Distribution: behaviour /media/* gets no X-Content-Type-Options: nosniff from StaticFilesHeadersPolicy (SecurityHeadersConfig.ContentTypeOptions)",
            ],
            DeploymentRules.Edge(broken));
    }

    [Fact]
    public void An_api_behaviour_that_does_not_key_on_Authorization_or_keeps_answers_is_refused()
    {
        var withoutAuthorization = Template.With(t =>
            Properties(t, "ApiCachePolicy")["CachePolicyConfig"]!["ParametersInCacheKeyAndForwardedToOrigin"]!["HeadersConfig"]!["Headers"] = new JsonArray("Accept"));
        var keepingAnswers = Template.With(t => Properties(t, "ApiCachePolicy")["CachePolicyConfig"]!["MaxTTL"] = 60);
        var withoutBehaviour = Template.With(t => Properties(t, "Distribution")["DistributionConfig"]!["CacheBehaviors"]!.AsArray().RemoveAt(1));

        Assert.Equal(
            ["Distribution: behaviour /api/* must forward Authorization by a cache policy of this template that keys on it"],
            DeploymentRules.Edge(withoutAuthorization));
        Assert.Equal(
            ["Distribution: behaviour /api/* answers are per shopper: ApiCachePolicy may keep nothing by default (DefaultTTL 0) and at most a second (MaxTTL 1)"],
            DeploymentRules.Edge(keepingAnswers));
        Assert.Equal(["Distribution: the orders API needs its own behaviour, /api/* to the HTTP API"], DeploymentRules.Edge(withoutBehaviour));
    }

    [Fact]
    public void An_api_origin_without_the_secret_header_or_a_Storefront_checking_another_value_is_refused()
    {
        var withoutHeader = Template.With(t => Properties(t, "Distribution")["DistributionConfig"]!["Origins"]![0]!.AsObject().Remove("OriginCustomHeaders"));
        var otherValue = Template.With(t => Variables(t, "StorefrontFunction")["CloudFront__OriginSecret"] = new JsonObject { ["Ref"] = "DataProtectionKeyEncryptionKey" });

        Assert.Equal(
            ["Distribution: the API origin must send X-Origin-Verify from a NoEcho parameter (the Storefront refuses requests without it)"],
            DeploymentRules.Edge(withoutHeader));
        Assert.Equal(
            ["Distribution: StorefrontFunction's CloudFront__OriginSecret must be OriginSecret, the value CloudFront sends in X-Origin-Verify"],
            DeploymentRules.Edge(otherValue));
    }
}
