using System.Globalization;
using Amazon.DynamoDBv2.Model;
using LocalDev.LocalAws;
using TestSupport;

namespace Storefront.Tests;

/// <summary>
/// Changes the emulator's products table behind the Storefront's back, as another instance would (stamped for the
/// change index, as ProductCatalog stamps its writes) or, <c>ByHand</c>, as an admin in the console would (unstamped).
/// </summary>
public static class ProductsTable
{
    /// <summary>The change index's attributes, as every write of the shop's own code sets them.</summary>
    public const string ChangeStamp = "ChangedAt = :changedAt, ChangeFeed = :changeFeed";

    public static Dictionary<string, AttributeValue> ChangeStampValues() => new()
    {
        [":changedAt"] = new() { N = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture) },
        [":changeFeed"] = new() { S = "products" },
    };

    public static async Task SetStockAsync(this StorefrontFixture shop, string productId, int stock) =>
        await UpdateAsync(shop, productId, $"SET Stock = :value, {ChangeStamp}", new AttributeValue { N = stock.ToString(CultureInfo.InvariantCulture) });

    public static async Task SetPriceAsync(this StorefrontFixture shop, string productId, decimal price, string table = "ProductsTable") =>
        await UpdateAsync(shop, productId, $"SET Price = :value, {ChangeStamp}", new AttributeValue { N = price.ToString(CultureInfo.InvariantCulture) }, table);

    /// <summary>A price set without the change stamp, as someone editing the item in the console would.</summary>
    public static async Task SetPriceByHandAsync(this StorefrontFixture shop, string productId, decimal price, string table = "ProductsTable") =>
        await UpdateAsync(shop, productId, "SET Price = :value", new AttributeValue { N = price.ToString(CultureInfo.InvariantCulture) }, table);

    public static SeedProduct Seeded(string productId) =>
        SeedCatalog.Load(RepoPaths.SeedCatalog).Products.Single(p => p.Id == productId);

    private static async Task UpdateAsync(StorefrontFixture shop, string productId, string update, AttributeValue value, string table = "ProductsTable")
    {
        using var dynamo = shop.Names.DynamoDb();
        await dynamo.UpdateItemAsync(new UpdateItemRequest
        {
            TableName = table,
            Key = new() { ["ProductId"] = new AttributeValue { S = productId } },
            UpdateExpression = update,
            ExpressionAttributeValues = new(update.Contains(":changedAt", StringComparison.Ordinal) ? ChangeStampValues() : []) { [":value"] = value },
        });
    }
}
