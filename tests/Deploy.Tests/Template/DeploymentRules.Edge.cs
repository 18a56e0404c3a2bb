extern alias StorefrontApp;

using System.Text.Json.Nodes;
using static Deploy.Tests.Template.CfnTemplate;

namespace Deploy.Tests.Template;

public static partial class DeploymentRules
{
    /// <summary>
    /// CloudFront: HTTPS, the API uncached, static files from a private bucket with security headers. (No function
    /// passes the public host on: the app builds its URLs from <c>Auth:PublicOrigin</c> and reads no forwarded header.)
    /// </summary>
    public static IEnumerable<string> Edge(CfnTemplate template)
    {
        var (distributionId, properties) = template.OfType("AWS::CloudFront::Distribution").SingleOrDefault();
        if (distributionId is null)
        {
            yield return "a CloudFront distribution is missing";
            yield break;
        }
        var config = properties["DistributionConfig"]!;
        var origins = (config["Origins"]?.AsArray() ?? []).ToDictionary(o => Text(o?["Id"]) ?? "?", o => o!.AsObject());
        var behaviours = (config["CacheBehaviors"]?.AsArray() ?? []).Select(b => b!.AsObject()).Prepend(config["DefaultCacheBehavior"]!.AsObject()).ToList();

        foreach (var behaviour in behaviours)
        {
            if (Text(behaviour["ViewerProtocolPolicy"]) is not ("redirect-to-https" or "https-only"))
            {
                yield return $"{distributionId}: behaviour {Text(behaviour["PathPattern"]) ?? "default"} must be HTTPS only";
            }
            var origin = origins.GetValueOrDefault(Text(behaviour["TargetOriginId"]) ?? "");
            if (template.TypeOf(TargetOf(origin?["DomainName"]) ?? "") == "AWS::S3::Bucket")
            {
                foreach (var problem in StaticFilesHeaders(template, behaviour))
                {
                    yield return $"{distributionId}: behaviour {Text(behaviour["PathPattern"]) ?? "default"} {problem}";
                }
            }
        }

        var fallback = config["DefaultCacheBehavior"]!;
        var apiOrigin = origins.GetValueOrDefault(Text(fallback["TargetOriginId"]) ?? "");
        if (apiOrigin is null || !ReferencesIn(apiOrigin["DomainName"]).Any(r => template.TypeOf(r.Target) == "AWS::ApiGatewayV2::Api"))
        {
            yield return $"{distributionId}: the default behaviour must go to the HTTP API";
        }
        else if (Text(apiOrigin["CustomOriginConfig"]?["OriginProtocolPolicy"]) != "https-only")
        {
            yield return $"{distributionId}: CloudFront must reach the API over HTTPS only";
        }
        if (Text(fallback["CachePolicyId"]?["Fn::FindInMap"]?[2]) != "CachingDisabled")
        {
            yield return $"{distributionId}: the API's pages are per shopper: the default behaviour must not cache (CachingDisabled)";
        }
        if (Text(fallback["OriginRequestPolicyId"]?["Fn::FindInMap"]?[2]) != "AllViewerExceptHostHeader")
        {
            yield return $"{distributionId}: the default behaviour must forward cookies, query strings and headers (AllViewerExceptHostHeader)";
        }
        foreach (var problem in OriginSecret(template, apiOrigin))
        {
            yield return $"{distributionId}: {problem}";
        }
        foreach (var problem in ApiAuthorization(template, behaviours, Text(fallback["TargetOriginId"])))
        {
            yield return $"{distributionId}: {problem}";
        }

        var staticBehaviour = behaviours.FirstOrDefault(b => Text(b["PathPattern"]) == "/static/*");
        var staticOrigin = staticBehaviour is null ? null : origins.GetValueOrDefault(Text(staticBehaviour["TargetOriginId"]) ?? "");
        var bucket = TargetOf(staticOrigin?["DomainName"]);
        if (bucket is null || template.TypeOf(bucket) != "AWS::S3::Bucket")
        {
            yield return $"{distributionId}: /static/* must be served from the template's S3 bucket";
            yield break;
        }
        // Static URLs carry ?v=<content hash>: the cache must key on v, or a deploy keeps serving old files for a year.
        var cachePolicy = TargetOf(staticBehaviour!["CachePolicyId"]);
        var policyConfig = cachePolicy is null ? null : template.PropertiesOf(cachePolicy)["CachePolicyConfig"];
        var queryStrings = policyConfig?["ParametersInCacheKeyAndForwardedToOrigin"]?["QueryStringsConfig"];
        if (cachePolicy is null || template.TypeOf(cachePolicy) != "AWS::CloudFront::CachePolicy"
            || Text(queryStrings?["QueryStringBehavior"]) != "whitelist"
            || queryStrings?["QueryStrings"]?.AsArray().Select(Text).SequenceEqual(["v"]) != true
            || policyConfig?["DefaultTTL"]?.GetValue<int>() < 31536000)
        {
            yield return $"{distributionId}: /static/* must be cached a year, keyed on its ?v= content hash";
        }
        if (TargetOf(staticOrigin!["OriginAccessControlId"]) is not { } oac || template.TypeOf(oac) != "AWS::CloudFront::OriginAccessControl" ||
            Text(staticOrigin["S3OriginConfig"]?["OriginAccessIdentity"]) != "")
        {
            yield return $"{distributionId}: the bucket origin must use an origin access control (and no legacy identity)";
        }
        var block = template.PropertiesOf(bucket)["PublicAccessBlockConfiguration"];
        if (new[] { "BlockPublicAcls", "BlockPublicPolicy", "IgnorePublicAcls", "RestrictPublicBuckets" }.Any(k => block?[k]?.GetValue<bool>() != true))
        {
            yield return $"{bucket}: must block all public access";
        }
        var policy = template.OfType("AWS::S3::BucketPolicy").FirstOrDefault(p => TargetOf(p.Properties["Bucket"]) == bucket).Properties;
        foreach (var statement in (policy?["PolicyDocument"]?["Statement"]?.AsArray() ?? []).Where(s => Text(s?["Effect"]) == "Allow"))
        {
            var viaDistribution = ReferencesIn(statement?["Condition"]?["StringEquals"]?["AWS:SourceArn"]).Any(r => r.Target == distributionId);
            if (Text(Get(statement?["Principal"], "Service")) != "cloudfront.amazonaws.com" || !viaDistribution || Text(statement?["Action"]) != "s3:GetObject")
            {
                yield return $"{bucket}: the bucket policy may only let this distribution read objects";
            }
        }
        if (policy is null)
        {
            yield return $"{bucket}: needs a bucket policy that lets the distribution read it";
        }
    }

    /// <summary>
    /// Origin access controls, cache, origin-request and response-headers policies and functions are named once per
    /// account, across regions: a name from the stack name alone collides when the stack is deployed in two regions.
    /// </summary>
    public static IEnumerable<string> GlobalNames(CfnTemplate template)
    {
        var configs = new Dictionary<string, string>
        {
            ["AWS::CloudFront::OriginAccessControl"] = "OriginAccessControlConfig",
            ["AWS::CloudFront::CachePolicy"] = "CachePolicyConfig",
            ["AWS::CloudFront::OriginRequestPolicy"] = "OriginRequestPolicyConfig",
            ["AWS::CloudFront::ResponseHeadersPolicy"] = "ResponseHeadersPolicyConfig",
            ["AWS::CloudFront::Function"] = "",
        };
        foreach (var (type, config) in configs)
        {
            foreach (var (id, properties) in template.OfType(type))
            {
                var name = Text((config.Length == 0 ? properties : properties[config])?["Name"]?["Fn::Sub"]) ?? "";
                if (!name.Contains("${AWS::StackName}", StringComparison.Ordinal) || !name.Contains("${AWS::Region}", StringComparison.Ordinal))
                {
                    yield return $"{id}: its Name is global to the account: build it from ${{AWS::StackName}} and ${{AWS::Region}}";
                }
            }
        }
    }

    /// <summary>
    /// The API's own URL is public: CloudFront sends a secret header that the Storefront checks, so the same NoEcho
    /// parameter must be the origin's header and the Storefront's setting.
    /// </summary>
    private static IEnumerable<string> OriginSecret(CfnTemplate template, JsonObject? apiOrigin)
    {
        const string header = StorefrontApp::Storefront.Security.CloudFrontOrigin.SecretHeader;
        var sent = (apiOrigin?["OriginCustomHeaders"]?.AsArray() ?? []).FirstOrDefault(h => Text(h?["HeaderName"]) == header);
        var secret = TargetOf(sent?["HeaderValue"]);
        if (secret is null || template.Parameters[secret]?["NoEcho"]?.GetValue<bool>() != true)
        {
            yield return $"the API origin must send {header} from a NoEcho parameter (the Storefront refuses requests without it)";
        }
        else if (TargetOf(template.EnvironmentOf("StorefrontFunction").GetValueOrDefault("CloudFront__OriginSecret")) != secret)
        {
            yield return $"StorefrontFunction's CloudFront__OriginSecret must be {secret}, the value CloudFront sends in {header}";
        }
    }

    /// <summary>
    /// The orders API needs <c>Authorization: Bearer</c>. AWS's pages disagree on whether the managed CachingDisabled
    /// and AllViewerExceptHostHeader policies pass it on; the documented way is a cache policy that keys on it
    /// (https://repost.aws/knowledge-center/cloudfront-authorization-header), which also keeps one shopper's answer
    /// from another. A policy that keys on a header cannot have caching off, so it keeps at most a second, and only
    /// what the app lets be kept.
    /// </summary>
    private static IEnumerable<string> ApiAuthorization(CfnTemplate template, List<JsonObject> behaviours, string? apiOrigin)
    {
        var api = behaviours.FirstOrDefault(b => Text(b["PathPattern"]) == "/api/*");
        if (api is null || Text(api["TargetOriginId"]) != apiOrigin)
        {
            yield return "the orders API needs its own behaviour, /api/* to the HTTP API";
            yield break;
        }
        var policy = TargetOf(api["CachePolicyId"]);
        var config = policy is null ? null : template.PropertiesOf(policy)["CachePolicyConfig"];
        var headers = config?["ParametersInCacheKeyAndForwardedToOrigin"]?["HeadersConfig"];
        if (template.TypeOf(policy ?? "") != "AWS::CloudFront::CachePolicy" || Text(headers?["HeaderBehavior"]) != "whitelist" ||
            !(headers?["Headers"]?.AsArray() ?? []).Any(h => string.Equals(Text(h), "Authorization", StringComparison.OrdinalIgnoreCase)))
        {
            yield return "behaviour /api/* must forward Authorization by a cache policy of this template that keys on it";
        }
        else if (Number(config?["DefaultTTL"]) != "0" || !int.TryParse(Number(config?["MaxTTL"]), out var maxTtl) || maxTtl > 1)
        {
            yield return $"behaviour /api/* answers are per shopper: {policy} may keep nothing by default (DefaultTTL 0) and at most a second (MaxTTL 1)";
        }
    }

    /// <summary>
    /// The app sends its security headers on everything it serves; S3 sends none, so what CloudFront serves from the
    /// bucket gets them from a response headers policy (a file is as sniffable and frameable as a page).
    /// </summary>
    private static IEnumerable<string> StaticFilesHeaders(CfnTemplate template, JsonObject behaviour)
    {
        var policy = TargetOf(behaviour["ResponseHeadersPolicyId"]);
        if (policy is null || template.TypeOf(policy) != "AWS::CloudFront::ResponseHeadersPolicy")
        {
            yield return "serves the bucket without security headers: needs a ResponseHeadersPolicyId of this template";
            yield break;
        }
        var headers = template.PropertiesOf(policy)["ResponseHeadersPolicyConfig"]?["SecurityHeadersConfig"];
        if (headers?["ContentTypeOptions"] is null)
        {
            yield return $"gets no X-Content-Type-Options: nosniff from {policy} (SecurityHeadersConfig.ContentTypeOptions)";
        }
        if (!int.TryParse(Number(headers?["StrictTransportSecurity"]?["AccessControlMaxAgeSec"]), out var maxAge) || maxAge < 31536000)
        {
            yield return $"gets no Strict-Transport-Security of a year or more from {policy} (SecurityHeadersConfig.StrictTransportSecurity)";
        }
        if (string.IsNullOrWhiteSpace(Text(headers?["ContentSecurityPolicy"]?["ContentSecurityPolicy"])))
        {
            yield return $"gets no Content-Security-Policy from {policy} (SecurityHeadersConfig.ContentSecurityPolicy)";
        }
    }
}
