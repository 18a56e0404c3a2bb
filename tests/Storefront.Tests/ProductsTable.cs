using System.Globalization;
using Amazon.DynamoDBv2.Model;
using LocalDev.LocalAws;
using TestSupport;

namespace Storefront.Tests;

/// <summary>Changes the emulator's products table behind the Storefront's back, as another instance or an admin would.</summary>
public static class ProductsTable
{
    public static async Task SetStockAsync(this StorefrontFixture shop, string productId, int stock) =>
        await UpdateAsync(shop, productId, "SET Stock = :value", new AttributeValue { N = stock.ToString(CultureInfo.InvariantCulture) });

    public static async Task SetPriceAsync(this StorefrontFixture shop, string productId, decimal price, string table = "ProductsTable") =>
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
            ExpressionAttributeValues = new() { [":value"] = value },
        });
    }
}
