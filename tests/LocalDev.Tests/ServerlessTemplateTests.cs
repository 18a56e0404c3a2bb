using LocalDev.LocalAws;

namespace LocalDev.Tests;

public sealed class ServerlessTemplateTests
{
    private static readonly LocalStackNames Names = new("http://127.0.0.1:1", "http://127.0.0.1:2", "http://127.0.0.1:3") { S3Url = "http://127.0.0.1:6" };

    private static readonly Dictionary<string, string> LocalValues = new(
        new LocalSignIn(4, ["http://127.0.0.1:5"], "secret").StorefrontConfiguration("http://127.0.0.1:5"))
    {
        ["DataProtection__KeyEncryptionKey"] = LocalSecrets.NewKeyEncryptionKey(),
    };

    [Fact]
    public void Function_settings_resolve_tables_queues_buckets_and_region_to_the_local_stack()
    {
        var template = ServerlessTemplate.Load(RepoPaths.Template);

        var settings = template.AppConfiguration("StorefrontFunction", Names, LocalValues);

        Assert.Equal("ProductsTable", settings["Tables__Products"]);
        Assert.Equal("DataProtectionKeysTable", settings["Tables__KeyRing"]);
        Assert.Equal("http://127.0.0.1:2/000000000000/OrdersQueue", settings["Queues__Orders"]);
        Assert.Equal("us-east-1", settings["Aws__Region"]);
        Assert.Equal("staticbucket", settings["Buckets__Media"]); // S3 names are lower case
        Assert.DoesNotContain("AWS_LAMBDA_EXEC_WRAPPER", settings.Keys);
    }

    [Fact]
    public void Every_function_of_the_template_gets_all_its_settings_locally()
    {
        var template = ServerlessTemplate.Load(RepoPaths.Template);
        var functions = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(RepoPaths.Template))!["Resources"]!.AsObject()
            .Where(r => r.Value!["Type"]!.GetValue<string>() == "AWS::Serverless::Function")
            .Select(r => r.Key)
            .ToList();

        Assert.Equal(["StorefrontFunction", "OrderWorkerFunction"], functions);
        foreach (var function in functions)
        {
            var settings = template.AppConfiguration(function, Names, LocalValues); // throws for a setting with no local value
            Assert.All(settings.Keys, key => Assert.Contains("__", key, StringComparison.Ordinal));
            Assert.DoesNotContain(settings.Keys, key => key.StartsWith("AWS_", StringComparison.Ordinal));
        }
    }

    [Fact]
    public void Sign_in_settings_take_the_local_providers_values_in_place_of_Cognitos()
    {
        var template = ServerlessTemplate.Load(RepoPaths.Template);

        var settings = template.AppConfiguration("StorefrontFunction", Names, LocalValues);

        Assert.All(LocalValues, local => Assert.Equal(local.Value, settings[local.Key]));
        Assert.Throws<NotSupportedException>(() => template.AppConfiguration("StorefrontFunction", Names));
    }

    [Fact]
    public void A_local_value_for_a_setting_the_template_does_not_declare_is_not_added()
    {
        var template = ServerlessTemplate.Load(RepoPaths.Template);

        var settings = template.AppConfiguration("OrderWorkerFunction", Names, LocalValues);

        Assert.DoesNotContain("Auth__ClientSecret", settings.Keys);
    }

    [Fact]
    public void A_setting_that_has_no_local_value_is_refused_with_its_name()
    {
        var template = ServerlessTemplate.Parse("""
            { "Resources": {
                "Fn": { "Type": "AWS::Serverless::Function", "Properties": { "Environment": { "Variables": {
                    "Api__Url": { "Fn::GetAtt": ["Api", "Url"] } } } } },
                "Api": { "Type": "AWS::Serverless::HttpApi" } } }
            """);

        var error = Assert.Throws<NotSupportedException>(() => template.AppConfiguration("Fn", Names));
        Assert.Contains("Fn.Api__Url", error.Message);
    }

    [Fact]
    public void Queues_read_their_dead_letter_queue_and_receive_count_from_the_redrive_policy()
    {
        var template = ServerlessTemplate.Parse("""
            { "Resources": {
                "Work": { "Type": "AWS::SQS::Queue", "Properties": { "VisibilityTimeout": 7,
                    "RedrivePolicy": { "deadLetterTargetArn": { "Fn::GetAtt": ["Dead", "Arn"] }, "maxReceiveCount": 3 } } },
                "Dead": { "Type": "AWS::SQS::Queue" } } }
            """);

        var work = Assert.Single(template.Queues, q => q.LogicalId == "Work");
        Assert.Equal(new QueueDefinition("Work", 7, null, "Dead", 3), work);
    }
}
