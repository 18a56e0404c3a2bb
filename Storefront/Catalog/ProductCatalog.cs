using System.Globalization;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Microsoft.Extensions.Options;
using Shop.Shared.Aws;
using Storefront.Shopping;

namespace Storefront.Catalog;

/// <summary>
/// The products table (key: <c>ProductId</c>): the only code that reads or writes it. Listings, the product page,
/// the prices and stock checkout decides on, and the transaction part that takes stock. Every write stamps the item
/// with when it changed (<see cref="ChangeIndex"/>), so an instance can read only what changed.
/// </summary>
public sealed partial class ProductCatalog(IAmazonDynamoDB dynamo, IOptions<TableOptions> tables, TimeProvider clock)
{
    private string Table => tables.Value.Products;

    /// <summary>Every product. A full scan: <see cref="CatalogSnapshots"/> calls it once per
    /// <see cref="CatalogOptions.FullScanInterval"/>; operators' lists and export read fresh.</summary>
    public async Task<IReadOnlyList<Product>> ListAsync(CancellationToken cancellationToken) =>
        (await ReadAllAsync(cancellationToken)).Products;

    /// <summary>Every product, with the read units the scan used.</summary>
    public Task<ProductsRead> ReadAllAsync(CancellationToken cancellationToken) =>
        ReadPagesAsync(async startKey =>
        {
            var page = await dynamo.ScanAsync(new ScanRequest
            {
                TableName = Table,
                ExclusiveStartKey = startKey,
                ReturnConsumedCapacity = ReturnConsumedCapacity.TOTAL,
            }, cancellationToken);
            return new ItemPage(page.Items, page.LastEvaluatedKey, page.ConsumedCapacity);
        });

    /// <summary>
    /// One product as it is now: a strongly consistent read, because its stock decides whether a shopper can buy.
    /// Null for an unknown id.
    /// </summary>
    public async Task<Product?> FindAsync(string productId, CancellationToken cancellationToken)
    {
        if (!IsPlausibleId(productId))
        {
            return null;
        }
        var response = await dynamo.GetItemAsync(new GetItemRequest
        {
            TableName = Table,
            Key = Key(productId),
            ConsistentRead = true,
        }, cancellationToken);
        return response.IsItemSet ? FromItem(response.Item) : null;
    }

    /// <summary>Products as they are now (strongly consistent), by id; unknown ids are simply missing. Checkout
    /// prices and checks stock with these.</summary>
    public async Task<IReadOnlyDictionary<string, Product>> FindManyAsync(IEnumerable<string> productIds, CancellationToken cancellationToken)
    {
        var keys = productIds.Where(IsPlausibleId).Distinct().Select(Key).ToList();
        var found = new Dictionary<string, Product>();
        Dictionary<string, KeysAndAttributes> request = keys.Count == 0 ? [] : new() { [Table] = new() { Keys = keys, ConsistentRead = true } };
        while (request.Values.Sum(k => k.Keys.Count) > 0)
        {
            var response = await dynamo.BatchGetItemAsync(new BatchGetItemRequest { RequestItems = request }, cancellationToken);
            foreach (var product in (response.Responses.GetValueOrDefault(Table) ?? []).Select(FromItem))
            {
                found[product.Id] = product;
            }
            request = response.UnprocessedKeys ?? [];
        }
        return found;
    }

    /// <summary>The transaction part that takes <paramref name="quantity"/> of <paramref name="product"/>: only if that
    /// much is left, the price is still the one the order carries and it is still on sale.</summary>
    public TransactWriteItem TakeStock(Product product, int quantity) => new()
    {
        Update = new Update
        {
            TableName = Table,
            Key = Key(product.Id),
            UpdateExpression = $"SET Stock = Stock - :quantity, {Stamp}",
            // A product retired since checkout read it fails here too, and the re-read refuses it.
            ConditionExpression = "Stock >= :quantity AND Price = :price AND (attribute_not_exists(OnSale) OR OnSale = :onSale)",
            ExpressionAttributeValues = Stamped(new()
            {
                [":onSale"] = new AttributeValue { BOOL = true },
                [":quantity"] = new AttributeValue { N = quantity.ToString(CultureInfo.InvariantCulture) },
                [":price"] = new AttributeValue { N = product.Price.ToString(CultureInfo.InvariantCulture) },
            }),
        },
    };

    /// <summary>The transaction part that puts <paramref name="quantity"/> back on the shelf when an order is
    /// cancelled; only onto a product still in the catalog (never a half-made product from nothing).</summary>
    public TransactWriteItem ReturnStock(string productId, int quantity) => new()
    {
        Update = new Update
        {
            TableName = Table,
            Key = Key(productId),
            UpdateExpression = $"SET Stock = Stock + :quantity, {Stamp}",
            ConditionExpression = "attribute_exists(ProductId)",
            ExpressionAttributeValues = Stamped(new() { [":quantity"] = new AttributeValue { N = quantity.ToString(CultureInfo.InvariantCulture) } }),
        },
    };

    private static bool IsPlausibleId(string? productId) => productId is { Length: > 0 and <= ShoppingLimits.MaxProductIdLength };

    private static Dictionary<string, AttributeValue> Key(string productId) => new() { ["ProductId"] = new AttributeValue { S = productId } };

    private static Product FromItem(Dictionary<string, AttributeValue> item) => new(
        Id: item["ProductId"].S,
        Name: item["Name"].S,
        Description: item["Description"].S,
        Category: item["Category"].S,
        CategoryName: item["CategoryName"].S,
        Price: decimal.Parse(item["Price"].N, NumberStyles.Number, CultureInfo.InvariantCulture),
        Stock: int.Parse(item["Stock"].N, CultureInfo.InvariantCulture),
        Image: item["Image"].S,
        FeaturedRank: int.Parse(item["FeaturedRank"].N, CultureInfo.InvariantCulture),
        Version: item.TryGetValue("Version", out var version) ? int.Parse(version.N, CultureInfo.InvariantCulture) : 0,
        OnSale: !item.TryGetValue("OnSale", out var onSale) || onSale.BOOL == true);
}
