extern alias StorefrontApp;

using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using static Deploy.Tests.Template.CfnTemplate;

namespace Deploy.Tests.Template;

public static partial class DeploymentRules
{
    /// <summary>Where the Storefront puts product images in its media bucket (the code's constant).</summary>
    private const string MediaPrefix = StorefrontApp::Storefront.Catalog.ProductImages.Prefix;

    /// <summary>
    /// Product images: the Storefront writes objects of its media bucket (<c>Buckets__Media</c>) under the prefix its
    /// code uses and nowhere else (<c>static/</c> is the deployment's, synced with --delete), and nothing else may
    /// write to a bucket; CloudFront serves that prefix at <c>/media/*</c> from the bucket, kept a year and keyed on the
    /// path alone (each upload is a new key), and the bucket policy lets the distribution read it.
    /// </summary>
    public static IEnumerable<string> Media(CfnTemplate template)
    {
        var bucket = TargetOf(template.EnvironmentOf("StorefrontFunction").GetValueOrDefault("Buckets__Media"));
        if (bucket is null || template.TypeOf(bucket) != "AWS::S3::Bucket")
        {
            yield return "StorefrontFunction.Buckets__Media must be a Ref to an AWS::S3::Bucket of this template";
            yield break;
        }
        var images = $"${{{bucket}.Arn}}/{MediaPrefix}*";

        var uploads = false;
        foreach (var function in template.FunctionIds)
        {
            var role = TargetOf(template.PropertiesOf(function)["Role"]) ?? "";
            foreach (var (where, statement) in Statements(role, template.PropertiesOf(role)))
            {
                var actions = List(statement["Action"]).Select(Text).Where(a => a?.StartsWith("s3:", StringComparison.Ordinal) == true).ToList();
                if (actions.Count == 0)
                {
                    continue;
                }
                var resources = List(statement["Resource"]).Select(r => Text(Get(r, "Fn::Sub"))).ToList();
                if (function != "StorefrontFunction" || actions.Any(a => a != "s3:PutObject") || resources.Any(r => r != images))
                {
                    yield return $"{where}: only the Storefront may use S3, to put product images in {images} (static/ is the deployment's)";
                }
                uploads |= function == "StorefrontFunction" && resources.Contains(images);
            }
        }
        if (!uploads)
        {
            yield return $"StorefrontRole: needs s3:PutObject on {images} to store product images";
        }

        var config = template.OfType("AWS::CloudFront::Distribution").Select(d => d.Properties["DistributionConfig"]).FirstOrDefault();
        var distribution = template.OfType("AWS::CloudFront::Distribution").Select(d => d.Id).FirstOrDefault();
        var behaviour = (config?["CacheBehaviors"]?.AsArray() ?? []).FirstOrDefault(b => Text(b?["PathPattern"]) == $"/{MediaPrefix}*");
        var origin = (config?["Origins"]?.AsArray() ?? []).FirstOrDefault(o => Text(o?["Id"]) == Text(behaviour?["TargetOriginId"]));
        if (behaviour is null || TargetOf(origin?["DomainName"]) != bucket)
        {
            yield return $"{distribution}: /{MediaPrefix}* must be served from {bucket}, where the Storefront puts product images";
        }
        else
        {
            var policy = TargetOf(behaviour["CachePolicyId"]);
            var key = policy is null ? null : template.PropertiesOf(policy)["CachePolicyConfig"];
            var parameters = key?["ParametersInCacheKeyAndForwardedToOrigin"];
            if (!int.TryParse(Number(key?["DefaultTTL"]), out var ttl) || ttl < 31536000
                || Text(parameters?["QueryStringsConfig"]?["QueryStringBehavior"]) != "none"
                || Text(parameters?["CookiesConfig"]?["CookieBehavior"]) != "none"
                || Text(parameters?["HeadersConfig"]?["HeaderBehavior"]) != "none")
            {
                yield return $"{distribution}: /{MediaPrefix}* must be cached a year, keyed on the path alone (each upload is a new key)";
            }
        }

        var readers = template.OfType("AWS::S3::BucketPolicy").Where(p => TargetOf(p.Properties["Bucket"]) == bucket)
            .SelectMany(p => p.Properties["PolicyDocument"]?["Statement"]?.AsArray() ?? [])
            .Where(s => Text(s?["Effect"]) == "Allow" && Text(s?["Action"]) == "s3:GetObject" && Text(Get(s?["Resource"], "Fn::Sub")) == images
                && ReferencesIn(s?["Condition"]?["StringEquals"]?["AWS:SourceArn"]).Any(r => r.Target == distribution));
        if (!readers.Any())
        {
            yield return $"{bucket}: its policy must let {distribution} read {images}";
        }
    }

    /// <summary>Objects under one fixed prefix of a bucket of this template (<c>${Bucket.Arn}/media/*</c>): exact in
    /// effect, since keys under a prefix are made by the code, not known to the template.</summary>
    private static bool IsObjectsUnderOnePrefix(CfnTemplate template, string subText) =>
        ObjectsUnderOnePrefix().Match(subText) is { Success: true } match && template.TypeOf(match.Groups[1].Value) == "AWS::S3::Bucket";

    [GeneratedRegex(@"^\$\{(\w+)\.Arn\}/[a-z0-9-]+/\*$")]
    private static partial Regex ObjectsUnderOnePrefix();
}
