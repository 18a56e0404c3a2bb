using System.Text.Json.Nodes;
using Deploy.Tests.Template;
using static Deploy.Tests.Rules.RuleTemplate;

namespace Deploy.Tests.Rules;

/// <summary>Product images in the static bucket's media/ (<see cref="DeploymentRules.Media"/>).</summary>
public sealed class MediaRulesTests
{
    private static readonly CfnTemplate Template = CfnTemplate.Load();

    [Fact]
    public void The_Storefront_writes_only_media_which_CloudFront_serves_for_a_year_from_the_bucket()
    {
        Assert.Empty(DeploymentRules.Media(Template));
        Assert.Empty(DeploymentRules.Permissions(Template));
    }

    [Fact]
    public void Writing_to_the_whole_bucket_or_to_static_or_reading_it_from_a_function_is_refused()
    {
        foreach (var resource in new[] { "${StaticBucket.Arn}/*", "${StaticBucket.Arn}/static/*" })
        {
            var broken = Template.With(t => Upload(t)["Resource"] = new JsonObject { ["Fn::Sub"] = resource });

            Assert.Contains("StorefrontRole.storefront[OperatorsUploadProductImages]: only the Storefront may use S3, to put product images in ${StaticBucket.Arn}/media/* (static/ is the deployment's)",
                DeploymentRules.Media(broken));
        }
        var reading = Template.With(t => Upload(t)["Action"] = new JsonArray("s3:PutObject", "s3:GetObject"));
        Assert.NotEmpty(DeploymentRules.Media(reading));
        Assert.Contains(DeploymentRules.Permissions(Template.With(t => Upload(t)["Resource"] = new JsonObject { ["Fn::Sub"] = "${StaticBucket.Arn}/*" })),
            p => p.EndsWith("has a wildcard", StringComparison.Ordinal));
    }

    [Fact]
    public void A_media_behaviour_that_is_missing_or_caches_by_query_string_or_a_bucket_policy_without_media_is_refused()
    {
        var missing = Template.With(t => Behaviours(t).Remove(Behaviours(t).Single(b => b!["PathPattern"]!.GetValue<string>() == "/media/*")));
        var byQuery = Template.With(t => Properties(t, "MediaCachePolicy")["CachePolicyConfig"]!["ParametersInCacheKeyAndForwardedToOrigin"]!["QueryStringsConfig"]!["QueryStringBehavior"] = "all");
        var unreadable = Template.With(t =>
        {
            var statements = Properties(t, "StaticBucketPolicy")["PolicyDocument"]!["Statement"]!.AsArray();
            statements.Remove(statements.Single(s => s!["Sid"]!.GetValue<string>() == "CloudFrontReadsProductImages"));
        });

        Assert.Equal(["Distribution: /media/* must be served from StaticBucket, where the Storefront puts product images"], DeploymentRules.Media(missing));
        Assert.Equal(["Distribution: /media/* must be cached a year, keyed on the path alone (each upload is a new key)"], DeploymentRules.Media(byQuery));
        Assert.Equal(["StaticBucket: its policy must let Distribution read ${StaticBucket.Arn}/media/*"], DeploymentRules.Media(unreadable));
    }

    [Fact]
    public void A_media_bucket_setting_that_names_no_bucket_is_refused()
    {
        var broken = Template.With(t => Variables(t, "StorefrontFunction")["Buckets__Media"] = "my-bucket");

        Assert.Equal(["StorefrontFunction.Buckets__Media must be a Ref to an AWS::S3::Bucket of this template"], DeploymentRules.Media(broken));
        Assert.Contains("StorefrontFunction.Buckets__Media: must be a Ref to an AWS::S3::Bucket of this template", DeploymentRules.Settings(broken));
    }

    private static JsonObject Upload(JsonObject root) =>
        Statements(root, "StorefrontRole").Single(s => s!["Sid"]!.GetValue<string>() == "OperatorsUploadProductImages")!.AsObject();

    private static JsonArray Behaviours(JsonObject root) =>
        Properties(root, "Distribution")["DistributionConfig"]!["CacheBehaviors"]!.AsArray();
}
