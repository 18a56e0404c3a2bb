using System.Globalization;
using Amazon.DynamoDBv2.Model;
using LocalDev.LocalAws;

namespace EndToEnd.Tests;

/// <summary>What the tests do beside the browser, the way an operator of the local stack would: read a product's stock
/// from the products table (making an admin is <see cref="ShopFixture.MakeAdminAsync"/>).</summary>
public static class ShopBackdoors
{
    /// <summary>The product's stock as stored, read consistently (the product page shows a cached snapshot).</summary>
    public static async Task<int> StockOfAsync(this ShopFixture shop, string productId)
    {
        using var dynamo = new LocalStackNames(shop.DynamoDbUrl, "", "") { S3Url = "" }.DynamoDb();
        var table = ServerlessTemplate.Load(RepoPaths.Template).RefTarget("StorefrontFunction", "Tables__Products");
        var item = await dynamo.GetItemAsync(new GetItemRequest
        {
            TableName = table,
            Key = new() { ["ProductId"] = new AttributeValue { S = productId } },
            ConsistentRead = true,
        });
        return int.Parse(item.Item["Stock"].N, CultureInfo.InvariantCulture);
    }
}
