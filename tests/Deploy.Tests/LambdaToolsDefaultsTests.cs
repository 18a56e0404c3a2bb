using System.Text.Json.Nodes;
using Deploy.Tests.Template;
using LocalDev.LocalAws;

namespace Deploy.Tests;

/// <summary><c>dotnet lambda deploy-serverless</c> reads aws-lambda-tools-defaults.json: it must name this template
/// and tell the deployer every parameter they have to pass.</summary>
public sealed class LambdaToolsDefaultsTests
{
    private static readonly JsonObject Defaults =
        JsonNode.Parse(File.ReadAllText(Path.Combine(RepoPaths.Root, "aws-lambda-tools-defaults.json")))!.AsObject();

    [Fact]
    public void The_defaults_deploy_this_template_and_name_every_parameter_without_a_default()
    {
        var template = CfnTemplate.Load();
        var information = string.Join(" ", Defaults["Information"]!.AsArray().Select(line => line!.GetValue<string>()));
        var required = template.Parameters.Where(p => p.Value?["Default"] is null).Select(p => p.Key).ToList();

        Assert.Equal("serverless.template", Defaults["template"]?.GetValue<string>());
        Assert.True(Defaults["resolve-s3"]?.GetValue<bool>(), "without resolve-s3 (or s3-bucket) the tool has nowhere to upload the bundles");
        Assert.NotEmpty(required);
        Assert.All(required, name => Assert.Contains($"{name}=", information, StringComparison.Ordinal));
    }
}
