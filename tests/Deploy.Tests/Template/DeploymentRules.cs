using System.Text.Json.Nodes;
using static Deploy.Tests.Template.CfnTemplate;

namespace Deploy.Tests.Template;

/// <summary>
/// What the shop's deployment must be, as rules over serverless.template. Each rule returns its problems, one
/// readable line each; the tests assert there are none, and that a template broken on purpose has some.
/// </summary>
public static class DeploymentRules
{
    public const string AdapterLayerX86 = "arn:aws:lambda:${AWS::Region}:753240598075:layer:LambdaAdapterLayerX86:26";
    public const string AdapterLayerArm64 = "arn:aws:lambda:${AWS::Region}:753240598075:layer:LambdaAdapterLayerArm64:26";

    /// <summary>One role per function, declared in the template, with exact actions on resources the template names.</summary>
    public static IEnumerable<string> Permissions(CfnTemplate template)
    {
        var roles = new Dictionary<string, string>();
        foreach (var function in template.FunctionIds)
        {
            var properties = template.PropertiesOf(function);
            if (properties.ContainsKey("Policies"))
            {
                yield return $"{function}: SAM policy templates grant broad action lists; give the function's role exact statements instead";
            }
            var role = properties["Role"] is JsonObject r && r["Fn::GetAtt"] is JsonArray { Count: 2 } getAtt && Text(getAtt[1]) == "Arn" ? Text(getAtt[0]) : null;
            if (role is null || template.TypeOf(role) != "AWS::IAM::Role")
            {
                yield return $"{function}: Role must be Fn::GetAtt [<an AWS::IAM::Role of this template>, Arn]";
                continue;
            }
            if (roles.TryGetValue(role, out var other))
            {
                yield return $"{function}: shares its role {role} with {other}; each function has its own";
            }
            roles[role] = function;
        }

        foreach (var (permission, properties) in template.OfType("AWS::Lambda::Permission"))
        {
            if (!ReferencesIn(properties["SourceArn"]).Any(r => template.Resources.ContainsKey(r.Target)))
            {
                yield return $"{permission}: a function may only be invoked from a source of this template (SourceArn)";
            }
        }

        foreach (var (role, properties) in template.OfType("AWS::IAM::Role"))
        {
            if (properties.ContainsKey("ManagedPolicyArns"))
            {
                yield return $"{role}: managed policies are not exact; write the statements";
            }
            var trust = properties["AssumeRolePolicyDocument"]?["Statement"]?.AsArray() ?? [];
            if (trust.Count != 1 || Text(Get(trust[0]?["Principal"], "Service")) != "lambda.amazonaws.com" || Text(trust[0]?["Action"]) != "sts:AssumeRole")
            {
                yield return $"{role}: only the Lambda service may assume a function's role";
            }
            foreach (var (where, statement) in Statements(role, properties))
            {
                foreach (var problem in StatementProblems(template, where, statement))
                {
                    yield return problem;
                }
            }
        }
    }

    private static IEnumerable<(string Where, JsonObject Statement)> Statements(string role, JsonObject properties)
    {
        foreach (var policy in properties["Policies"]?.AsArray() ?? [])
        {
            var statements = policy?["PolicyDocument"]?["Statement"]?.AsArray() ?? [];
            for (var i = 0; i < statements.Count; i++)
            {
                yield return ($"{role}.{Text(policy?["PolicyName"])}[{Text(statements[i]?["Sid"]) ?? i.ToString()}]", statements[i]!.AsObject());
            }
        }
    }

    private static IEnumerable<string> StatementProblems(CfnTemplate template, string where, JsonObject statement)
    {
        if (Text(statement["Effect"]) != "Allow")
        {
            yield return $"{where}: only Allow statements (a Deny in a function role hides what is granted)";
        }
        foreach (var key in new[] { "NotAction", "NotResource", "NotPrincipal" }.Where(statement.ContainsKey))
        {
            yield return $"{where}: {key} grants everything else; name what is granted";
        }
        foreach (var action in List(statement["Action"]))
        {
            if (Text(action) is not { } name || !name.Contains(':') || name.Contains('*') || name.Contains('?'))
            {
                yield return $"{where}: action {action?.ToJsonString()} is not one exact action";
            }
        }
        foreach (var resource in List(statement["Resource"]))
        {
            if (ResourceProblem(template, resource) is { } problem)
            {
                yield return $"{where}: resource {resource?.ToJsonString()} {problem}";
            }
        }
    }

    /// <summary>
    /// A resource is named by Ref/Fn::GetAtt of a template resource, or by a Fn::Sub that names one or a parameter
    /// and has no wildcard of its own. (The ARN AWS gives a log group ends in <c>:*</c>, its streams; that is exact.)
    /// </summary>
    private static string? ResourceProblem(CfnTemplate template, JsonNode? resource)
    {
        if (TargetOf(resource) is { } target)
        {
            return template.Resources.ContainsKey(target) ? null : "names no resource of this template";
        }
        if (resource is JsonObject o && o["Fn::Sub"] is { } sub)
        {
            var text = Text(sub) ?? Text(sub[0]) ?? "";
            if (text.Replace("${", "").Contains('*'))
            {
                return "has a wildcard";
            }
            var names = ReferencesIn(resource).Select(r => r.Target).ToList();
            return names.Any(n => template.Resources.ContainsKey(n) || template.Parameters.ContainsKey(n))
                ? null
                : "names neither a resource nor a parameter of this template";
        }
        return "is not a reference to something this template declares";
    }

    private static IEnumerable<JsonNode?> List(JsonNode? node) => node is JsonArray array ? array.ToList() : new List<JsonNode?> { node };

    /// <summary>A member of an object, or null when the node is no object (a principal may be "*").</summary>
    private static JsonNode? Get(JsonNode? node, string key) => node is JsonObject o ? o[key] : null;

    /// <summary>What each function may do, as "action on target" lines (the target: a resource or parameter the ARN names).</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> Grants(CfnTemplate template) =>
        template.FunctionIds.ToDictionary(
            f => f,
            f =>
            {
                var role = TargetOf(template.PropertiesOf(f)["Role"]) ?? "";
                return (IReadOnlyList<string>)Statements(role, template.PropertiesOf(role))
                    .SelectMany(s => List(s.Statement["Action"]).SelectMany(a => List(s.Statement["Resource"])
                        .Select(r => $"{Text(a)} on {TargetName(template, r)}")))
                    .Distinct()
                    .Order(StringComparer.Ordinal)
                    .ToList();
            });

    private static string TargetName(CfnTemplate template, JsonNode? resource) =>
        TargetOf(resource) ?? ReferencesIn(resource).Select(r => r.Target)
            .FirstOrDefault(n => template.Resources.ContainsKey(n) || template.Parameters.ContainsKey(n)) ?? "?";

    /// <summary>
    /// Every app setting (<c>Section__Key</c>) names what exists; <c>Tables__*</c> a table and <c>Queues__*</c> a
    /// queue, which the function's role grants something on.
    /// </summary>
    public static IEnumerable<string> Settings(CfnTemplate template)
    {
        var grants = Grants(template);
        foreach (var function in template.FunctionIds)
        {
            foreach (var (name, value) in template.EnvironmentOf(function).Where(v => v.Key.Contains("__", StringComparison.Ordinal)))
            {
                var target = TargetOf(value);
                var expected = name.Split("__")[0] switch
                {
                    "Tables" => "AWS::DynamoDB::Table",
                    "Queues" => "AWS::SQS::Queue",
                    _ => null,
                };
                if (expected is null)
                {
                    continue;
                }
                if (target is null || template.TypeOf(target) != expected)
                {
                    yield return $"{function}.{name}: must be a Ref to an {expected} of this template";
                }
                else if (!grants[function].Any(g => g.EndsWith($" on {target}", StringComparison.Ordinal)))
                {
                    yield return $"{function}.{name}: the function's role grants nothing on {target}";
                }
            }
        }
    }

    /// <summary>Both functions run as the AWS Lambda Web Adapter's zip examples do, on the .NET 10 runtime.</summary>
    public static IEnumerable<string> Functions(CfnTemplate template)
    {
        foreach (var function in template.FunctionIds)
        {
            var environment = template.EnvironmentOf(function);
            string? Variable(string name) => Text(environment.GetValueOrDefault(name));

            if (Text(template.FunctionProperty(function, "Runtime")) != "dotnet10")
            {
                yield return $"{function}: Runtime must be dotnet10";
            }
            if (Variable("AWS_LAMBDA_EXEC_WRAPPER") != "/opt/bootstrap")
            {
                yield return $"{function}: AWS_LAMBDA_EXEC_WRAPPER must be /opt/bootstrap (the adapter layer's wrapper)";
            }
            if (Variable("AWS_LWA_READINESS_CHECK_PATH") != "/healthz")
            {
                yield return $"{function}: AWS_LWA_READINESS_CHECK_PATH must be /healthz, the app's liveness endpoint";
            }
            if (Variable("AWS_LWA_PORT") is not { } port || Variable("ASPNETCORE_HTTP_PORTS") != port)
            {
                yield return $"{function}: AWS_LWA_PORT and ASPNETCORE_HTTP_PORTS must name the same port";
            }
            if (!AdapterLayerMatchesArchitecture(template, function))
            {
                yield return $"{function}: Layers must be the adapter layer for the Architecture parameter: {AdapterLayerX86} or {AdapterLayerArm64}";
            }
            var codeUri = Text(template.PropertiesOf(function)["CodeUri"]);
            var handler = Text(template.PropertiesOf(function)["Handler"]);
            if (codeUri is null || handler is null || codeUri != $"./{handler}/bin/lambda")
            {
                yield return $"{function}: CodeUri must be ./<project>/bin/lambda (the published bundle) and Handler the project's executable";
            }
            if (template.OfType("AWS::Lambda::EventSourceMapping").Any(m => TargetOf(m.Properties["FunctionName"]) == function))
            {
                if (Variable("AWS_LWA_PASS_THROUGH_PATH") != "/events")
                {
                    yield return $"{function}: AWS_LWA_PASS_THROUGH_PATH must be /events, where the app takes SQS batches";
                }
                if (!(Variable("AWS_LWA_ERROR_STATUS_CODES") ?? "").Split(',').Contains("500-599"))
                {
                    yield return $"{function}: AWS_LWA_ERROR_STATUS_CODES must include 500-599 so a 5xx fails the invocation";
                }
            }
        }
    }

    private static bool AdapterLayerMatchesArchitecture(CfnTemplate template, string function)
    {
        var architectures = template.FunctionProperty(function, "Architectures")?.AsArray();
        var layers = template.FunctionProperty(function, "Layers")?.AsArray();
        if (architectures is not [var architecture] || TargetOf(architecture) != "Architecture" || layers is not [var layer])
        {
            return false;
        }
        var condition = template.Conditions[Text(layer?["Fn::If"]?[0]) ?? ""]?["Fn::Equals"]?.AsArray();
        return condition is [var left, var right] && TargetOf(left) == "Architecture" && Text(right) == "arm64" &&
            Text(layer?["Fn::If"]?[1]?["Fn::Sub"]) == AdapterLayerArm64 &&
            Text(layer?["Fn::If"]?[2]?["Fn::Sub"]) == AdapterLayerX86;
    }

    /// <summary>Orders queue and its dead-letter queue, and the event source mapping that feeds the worker.</summary>
    public static IEnumerable<string> Queues(CfnTemplate template)
    {
        var queues = template.OfType("AWS::SQS::Queue").ToDictionary(q => q.Id, q => q.Properties);
        var deadLetterQueues = queues.Values.Select(p => Text(p["RedrivePolicy"]?["deadLetterTargetArn"]?["Fn::GetAtt"]?[0])).OfType<string>().ToHashSet();
        foreach (var (id, properties) in queues.Where(q => !deadLetterQueues.Contains(q.Key)))
        {
            var redrive = properties["RedrivePolicy"];
            var target = Text(redrive?["deadLetterTargetArn"]?["Fn::GetAtt"]?[0]);
            if (target is null || !queues.ContainsKey(target))
            {
                yield return $"{id}: needs a RedrivePolicy to a dead-letter queue of this template";
                continue;
            }
            if (!int.TryParse(Number(redrive?["maxReceiveCount"]), out var receives) || receives < 5)
            {
                yield return $"{id}: maxReceiveCount must be at least 5 (a throttled or briefly failing worker must not dead-letter orders)";
            }
            if (Seconds(queues[target]["MessageRetentionPeriod"], 345600) <= Seconds(properties["MessageRetentionPeriod"], 345600))
            {
                yield return $"{target}: must keep messages longer than {id} (a message's age counts from its first send)";
            }
            var visibility = Seconds(properties["VisibilityTimeout"], 30);
            foreach (var (mapping, mappingProperties) in template.OfType("AWS::Lambda::EventSourceMapping")
                .Where(m => TargetOf(m.Properties["EventSourceArn"]) == id))
            {
                var function = TargetOf(mappingProperties["FunctionName"]) ?? "?";
                var timeout = Seconds(template.FunctionProperty(function, "Timeout"), 3);
                var window = Seconds(mappingProperties["MaximumBatchingWindowInSeconds"], 0);
                if (visibility < 6 * timeout + window)
                {
                    yield return $"{id}: VisibilityTimeout {visibility} s is under 6 × {function}'s timeout ({timeout} s) + the batching window ({window} s)";
                }
                if (!(mappingProperties["FunctionResponseTypes"]?.AsArray() ?? []).Any(t => Text(t) == "ReportBatchItemFailures"))
                {
                    yield return $"{mapping}: FunctionResponseTypes must include ReportBatchItemFailures";
                }
                if (!mappingProperties.ContainsKey("BatchSize") || !mappingProperties.ContainsKey("MaximumBatchingWindowInSeconds"))
                {
                    yield return $"{mapping}: set BatchSize and MaximumBatchingWindowInSeconds";
                }
            }
        }
        foreach (var deadLetterQueue in deadLetterQueues.Where(queues.ContainsKey))
        {
            var alarmed = template.OfType("AWS::CloudWatch::Alarm").Any(a =>
                Text(a.Properties["MetricName"]) == "ApproximateNumberOfMessagesVisible" &&
                (a.Properties["Dimensions"]?.AsArray() ?? []).Any(d => TargetOf(d?["Value"]) == deadLetterQueue) &&
                Number(a.Properties["Threshold"]) == "0" && Text(a.Properties["ComparisonOperator"]) == "GreaterThanThreshold");
            if (!alarmed)
            {
                yield return $"{deadLetterQueue}: needs an alarm when it holds any message (ApproximateNumberOfMessagesVisible > 0)";
            }
        }
    }

    private static int Seconds(JsonNode? node, int absent) =>
        node is null ? absent : int.TryParse(Number(node), out var value) ? value : int.MaxValue;

    /// <summary>Tables are on demand, with point-in-time recovery, encryption and deletion protection (switchable).</summary>
    public static IEnumerable<string> Tables(CfnTemplate template)
    {
        foreach (var (id, properties) in template.OfType("AWS::DynamoDB::Table"))
        {
            if (Text(properties["BillingMode"]) != "PAY_PER_REQUEST")
            {
                yield return $"{id}: BillingMode must be PAY_PER_REQUEST (nothing to pay at rest)";
            }
            if (properties["PointInTimeRecoverySpecification"]?["PointInTimeRecoveryEnabled"]?.GetValue<bool>() != true)
            {
                yield return $"{id}: needs point-in-time recovery";
            }
            if (properties["SSESpecification"]?["SSEEnabled"]?.GetValue<bool>() != true)
            {
                yield return $"{id}: needs SSESpecification.SSEEnabled";
            }
            if (!properties.ContainsKey("DeletionProtectionEnabled"))
            {
                yield return $"{id}: needs DeletionProtectionEnabled (from the ProtectData parameter)";
            }
        }
    }

    /// <summary>Logs with retention, and the alarms and dashboard an operator needs.</summary>
    public static IEnumerable<string> Observability(CfnTemplate template)
    {
        foreach (var (id, properties) in template.OfType("AWS::Logs::LogGroup").Where(l => !l.Properties.ContainsKey("RetentionInDays")))
        {
            yield return $"{id}: needs RetentionInDays (logs kept forever cost forever)";
        }
        foreach (var function in template.FunctionIds)
        {
            if (TargetOf(template.PropertiesOf(function)["LoggingConfig"]?["LogGroup"]) is not { } group || template.TypeOf(group) != "AWS::Logs::LogGroup")
            {
                yield return $"{function}: LoggingConfig.LogGroup must be a log group of this template (one with retention)";
            }
        }
        foreach (var (stage, properties) in template.OfType("AWS::ApiGatewayV2::Stage"))
        {
            if (TargetOf(properties["AccessLogSettings"]?["DestinationArn"]) is not { } group || template.TypeOf(group) != "AWS::Logs::LogGroup")
            {
                yield return $"{stage}: needs access logs to a log group of this template";
            }
        }

        var alarms = template.OfType("AWS::CloudWatch::Alarm").ToList();
        bool Alarmed(string metric, string dimensionTarget) => alarms.Any(a =>
            (Text(a.Properties["MetricName"]) == metric && (a.Properties["Dimensions"]?.AsArray() ?? []).Any(d => TargetOf(d?["Value"]) == dimensionTarget)) ||
            (a.Properties["Metrics"]?.AsArray() ?? []).Any(m => Text(m?["MetricStat"]?["Metric"]?["MetricName"]) == metric &&
                (m?["MetricStat"]?["Metric"]?["Dimensions"]?.AsArray() ?? []).Any(d => TargetOf(d?["Value"]) == dimensionTarget)));

        foreach (var function in template.FunctionIds)
        {
            foreach (var metric in new[] { "Errors", "Throttles" }.Where(m => !Alarmed(m, function)))
            {
                yield return $"{function}: needs an alarm on {metric}";
            }
        }
        foreach (var (api, _) in template.OfType("AWS::ApiGatewayV2::Api"))
        {
            if (!Alarmed("5xx", api))
            {
                yield return $"{api}: needs an alarm on the 5xx rate";
            }
            if (!alarms.Any(a => Text(a.Properties["MetricName"]) == "Latency" && Text(a.Properties["ExtendedStatistic"]) == "p99" &&
                (a.Properties["Dimensions"]?.AsArray() ?? []).Any(d => TargetOf(d?["Value"]) == api)))
            {
                yield return $"{api}: needs an alarm on p99 latency";
            }
        }
        foreach (var (queue, _) in template.OfType("AWS::SQS::Queue").Where(q => q.Properties.ContainsKey("RedrivePolicy")))
        {
            if (!Alarmed("ApproximateAgeOfOldestMessage", queue))
            {
                yield return $"{queue}: needs an alarm on the age of its oldest message";
            }
        }
        foreach (var (alarm, properties) in alarms)
        {
            if (TargetOf(properties["AlarmActions"]?[0]) is not { } topic || template.TypeOf(topic) != "AWS::SNS::Topic")
            {
                yield return $"{alarm}: must notify the alarm topic (AlarmActions)";
            }
        }

        var dashboard = template.OfType("AWS::CloudWatch::Dashboard").Select(d => d.Properties["DashboardBody"]).FirstOrDefault();
        if (dashboard is null)
        {
            yield return "a CloudWatch dashboard is missing";
            yield break;
        }
        var shown = ReferencesIn(dashboard).Select(r => r.Target).ToHashSet();
        foreach (var missing in template.FunctionIds
            .Concat(template.OfType("AWS::SQS::Queue").Select(q => q.Id))
            .Concat(template.OfType("AWS::ApiGatewayV2::Api").Select(a => a.Id))
            .Where(id => !shown.Contains(id)))
        {
            yield return $"the dashboard does not show {missing}";
        }
    }

    /// <summary>CloudFront: HTTPS, the API uncached with the public host forwarded, static files from a private bucket.</summary>
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
        var viewerRequest = (fallback["FunctionAssociations"]?.AsArray() ?? []).FirstOrDefault(f => Text(f?["EventType"]) == "viewer-request");
        var hostFunction = TargetOf(viewerRequest?["FunctionARN"]);
        if (hostFunction is null || Text(template.PropertiesOf(hostFunction)["FunctionCode"])?.Contains("x-forwarded-host", StringComparison.Ordinal) != true)
        {
            yield return $"{distributionId}: a viewer-request function must pass the public host as X-Forwarded-Host";
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
        foreach (var key in new[] { "CallbackURLs", "LogoutURLs" })
        {
            var urls = client[key]?.AsArray() ?? [];
            if (urls.Count == 0 || urls.Any(u => !(Text(u?["Fn::Sub"]) ?? "").StartsWith("https://${Distribution.DomainName}/", StringComparison.Ordinal)))
            {
                yield return $"UserPoolClient: {key} must be https URLs on the CloudFront domain";
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
