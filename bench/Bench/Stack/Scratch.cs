using System.Globalization;
using System.Text.Json.Nodes;
using Amazon.DynamoDBv2.Model;
using LocalDev.LocalAws;

namespace Bench.Stack;

/// <summary>
/// Tables, queues and products the bench adds for its baselines and orders. Tables and queues are copies of the
/// template's definitions under new names (same keys, index and queue settings), so a baseline pays what the shop
/// pays; products get stock enough that no run ever sells out.
/// </summary>
public static class Scratch
{
    /// <summary>A copy of OrdersTable named <paramref name="name"/>.</summary>
    public static Task CreateOrdersTableAsync(LocalStackNames names, string name) =>
        ProvisionAsync(names, new JsonObject { [name] = TemplateResource("OrdersTable") });

    /// <summary>A copy of ProductsTable (with its change index) named <paramref name="name"/>.</summary>
    public static Task CreateProductsTableAsync(LocalStackNames names, string name) =>
        ProvisionAsync(names, new JsonObject { [name] = TemplateResource("ProductsTable") });

    /// <summary>A copy of OrdersQueue (with its own dead-letter queue) named <paramref name="name"/>; returns its URL.</summary>
    public static async Task<string> CreateOrdersQueueAsync(LocalStackNames names, string name)
    {
        var queue = TemplateResource("OrdersQueue");
        queue["Properties"]!["RedrivePolicy"]!["deadLetterTargetArn"] = new JsonObject { ["Fn::GetAtt"] = new JsonArray($"{name}DeadLetter", "Arn") };
        await ProvisionAsync(names, new JsonObject { [name] = queue, [$"{name}DeadLetter"] = TemplateResource("OrdersDeadLetterQueue") });
        return names.QueueUrl(name);
    }

    /// <summary>Products <c>{prefix}-0</c> … in the products table, at 10.00 with ten million in stock.</summary>
    public static async Task<IReadOnlyList<string>> CreateProductsAsync(LocalStackNames names, string prefix, int count)
    {
        using var dynamo = names.DynamoDb();
        var ids = Enumerable.Range(0, count).Select(i => $"{prefix}-{i.ToString(CultureInfo.InvariantCulture)}").ToList();
        foreach (var id in ids)
        {
            await dynamo.PutItemAsync(new PutItemRequest
            {
                TableName = "ProductsTable",
                Item = new()
                {
                    ["ProductId"] = new() { S = id },
                    ["Name"] = new() { S = $"Bench product {id}" },
                    ["Description"] = new() { S = "Bought by the benchmark." },
                    ["Category"] = new() { S = "bench" },
                    ["CategoryName"] = new() { S = "Bench" },
                    ["Price"] = new() { N = "10" },
                    ["Stock"] = new() { N = "10000000" },
                    ["Image"] = new() { S = "images/placeholder.svg" },
                    ["FeaturedRank"] = new() { N = "999" },
                },
            });
        }
        return ids;
    }

    private static JsonNode TemplateResource(string logicalId) =>
        JsonNode.Parse(File.ReadAllText(RepoPaths.Template))!["Resources"]![logicalId]!.DeepClone();

    private static async Task ProvisionAsync(LocalStackNames names, JsonObject resources)
    {
        using var dynamo = names.DynamoDb();
        using var sqs = names.Sqs();
        var template = ServerlessTemplate.Parse(new JsonObject { ["Resources"] = resources }.ToJsonString());
        await new Provisioner(dynamo, sqs, names).ProvisionAsync(template, CancellationToken.None);
    }
}
