using System.Globalization;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Microsoft.Extensions.Options;
using Shop.Shared.Aws;

namespace Storefront.Catalog;

/// <summary>Reads products from the products table (key: <c>ProductId</c>).</summary>
public sealed class ProductCatalog(IAmazonDynamoDB dynamo, IOptions<TableOptions> tables)
{
    /// <summary>DynamoDB rejects longer keys with an error; no product id comes near it.</summary>
    private const int MaxProductIdLength = 200;

    /// <summary>Every product. A full scan: only <see cref="CatalogSnapshots"/> calls it, once per snapshot.</summary>
    public async Task<IReadOnlyList<Product>> ListAsync(CancellationToken cancellationToken)
    {
        var products = new List<Product>();
        Dictionary<string, AttributeValue>? startKey = null;
        do
        {
            var page = await dynamo.ScanAsync(new ScanRequest
            {
                TableName = tables.Value.Products,
                ExclusiveStartKey = startKey,
            }, cancellationToken);
            products.AddRange(page.Items.Select(FromItem));
            startKey = page.LastEvaluatedKey is { Count: > 0 } ? page.LastEvaluatedKey : null;
        } while (startKey is not null);
        return products;
    }

    /// <summary>
    /// One product as it is now: a strongly consistent read, because its stock decides whether a shopper can buy.
    /// Null for an unknown id.
    /// </summary>
    public async Task<Product?> FindAsync(string productId, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(productId) || productId.Length > MaxProductIdLength)
        {
            return null;
        }
        var response = await dynamo.GetItemAsync(new GetItemRequest
        {
            TableName = tables.Value.Products,
            Key = new() { ["ProductId"] = new AttributeValue { S = productId } },
            ConsistentRead = true,
        }, cancellationToken);
        return response.IsItemSet ? FromItem(response.Item) : null;
    }

    private static Product FromItem(Dictionary<string, AttributeValue> item) => new(
        Id: item["ProductId"].S,
        Name: item["Name"].S,
        Description: item["Description"].S,
        Category: item["Category"].S,
        CategoryName: item["CategoryName"].S,
        Price: decimal.Parse(item["Price"].N, NumberStyles.Number, CultureInfo.InvariantCulture),
        Stock: int.Parse(item["Stock"].N, CultureInfo.InvariantCulture),
        Image: item["Image"].S,
        FeaturedRank: int.Parse(item["FeaturedRank"].N, CultureInfo.InvariantCulture));
}
