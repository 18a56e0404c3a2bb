using static Deploy.Tests.Template.CfnTemplate;

namespace Deploy.Tests.Template;

public static partial class DeploymentRules
{
    public const string AdapterLayerX86 = "arn:aws:lambda:${AWS::Region}:753240598075:layer:LambdaAdapterLayerX86:26";
    public const string AdapterLayerArm64 = "arn:aws:lambda:${AWS::Region}:753240598075:layer:LambdaAdapterLayerArm64:26";

    /// <summary>
    /// Every app setting (<c>Section__Key</c>) names what exists; <c>Tables__*</c> a table, <c>Queues__*</c> a queue
    /// and <c>Buckets__*</c> a bucket, which the function's role grants something on (for a bucket: on its objects).
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
                    "Buckets" => "AWS::S3::Bucket",
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
                else if (!grants[function].Any(g => g.EndsWith($" on {target}", StringComparison.Ordinal) || g.Contains($" on {target}/", StringComparison.Ordinal)))
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
}
