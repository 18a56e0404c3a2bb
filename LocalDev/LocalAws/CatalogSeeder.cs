using System.Globalization;
using System.Text.Json;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;

namespace LocalDev.LocalAws;

public sealed record SeedCategory(string Id, string Name);

public sealed record SeedProduct(
    string Id, string Name, string Category, string Description, decimal Price, int Stock, string Image, int FeaturedRank);

public sealed record SeedCatalog(IReadOnlyList<SeedCategory> Categories, IReadOnlyList<SeedProduct> Products)
{
    public static SeedCatalog Load(string path) =>
        JsonSerializer.Deserialize<SeedCatalog>(File.ReadAllText(path), new JsonSerializerOptions(JsonSerializerDefaults.Web))
        ?? throw new InvalidDataException($"{path} is empty.");
}

/// <summary>
/// Writes the seed catalog into the products table. Running it again refreshes names, descriptions and prices but
/// never resets stock that shoppers have already bought down, and never duplicates a product (the id is the key).
/// Each write is stamped for the products table's change index, as the Storefront stamps its own (ProductCatalog),
/// so a running Storefront picks a re-seed up within its snapshot's lifetime.
/// </summary>
public sealed class CatalogSeeder(IAmazonDynamoDB dynamo)
{
    public async Task SeedAsync(string tableName, SeedCatalog catalog, CancellationToken cancellationToken)
    {
        var categoryNames = catalog.Categories.ToDictionary(c => c.Id, c => c.Name);
        foreach (var product in catalog.Products)
        {
            if (!categoryNames.TryGetValue(product.Category, out var categoryName))
            {
                throw new InvalidDataException($"Product {product.Id} names unknown category '{product.Category}'.");
            }
            await dynamo.UpdateItemAsync(new UpdateItemRequest
            {
                TableName = tableName,
                Key = new() { ["ProductId"] = new AttributeValue { S = product.Id } },
                UpdateExpression = "SET #name = :name, Description = :description, Category = :category, " +
                    "CategoryName = :categoryName, Price = :price, Image = :image, FeaturedRank = :rank, " +
                    "Stock = if_not_exists(Stock, :stock), ChangedAt = :changedAt, ChangeFeed = :changeFeed",
                ExpressionAttributeNames = new() { ["#name"] = "Name" },
                ExpressionAttributeValues = new()
                {
                    [":name"] = new AttributeValue { S = product.Name },
                    [":description"] = new AttributeValue { S = product.Description },
                    [":category"] = new AttributeValue { S = product.Category },
                    [":categoryName"] = new AttributeValue { S = categoryName },
                    [":price"] = new AttributeValue { N = product.Price.ToString(CultureInfo.InvariantCulture) },
                    [":image"] = new AttributeValue { S = product.Image },
                    [":rank"] = new AttributeValue { N = product.FeaturedRank.ToString(CultureInfo.InvariantCulture) },
                    [":stock"] = new AttributeValue { N = product.Stock.ToString(CultureInfo.InvariantCulture) },
                    [":changedAt"] = new AttributeValue { N = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture) },
                    [":changeFeed"] = new AttributeValue { S = "products" },
                },
            }, cancellationToken);
        }
    }
}
