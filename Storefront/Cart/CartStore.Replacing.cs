using Amazon.DynamoDBv2.Model;

namespace Storefront.Cart;

public sealed partial class CartStore
{
    /// <summary>Writes <paramref name="cart"/> whole if it is still at <paramref name="expectedVersion"/>; null if not.</summary>
    private async Task<ShoppingCart?> TryReplaceAsync(ShoppingCart cart, long expectedVersion, CancellationToken cancellationToken)
    {
        var replace = Replace(cart, expectedVersion);
        try
        {
            await dynamo.UpdateItemAsync(new UpdateItemRequest
            {
                TableName = replace.TableName,
                Key = replace.Key,
                UpdateExpression = replace.UpdateExpression,
                ConditionExpression = replace.ConditionExpression,
                ExpressionAttributeNames = replace.ExpressionAttributeNames,
                ExpressionAttributeValues = replace.ExpressionAttributeValues,
            }, cancellationToken);
            return cart with { Version = expectedVersion + 1 };
        }
        catch (ConditionalCheckFailedException)
        {
            return null;
        }
    }

    /// <summary>The whole cart in the map shape (dropping the old <c>Lines</c> list), if it is at <paramref name="expectedVersion"/>
    /// (0: not stored). Lines keep their order: <c>LineAddedAt</c> holds their positions, below any time a later add writes.</summary>
    private Update Replace(ShoppingCart cart, long expectedVersion) => new()
    {
        TableName = tables.Value.Carts,
        Key = Key(cart.CartId),
        UpdateExpression = "SET LineQuantities = :items, LineAddedAt = :added, LinePrices = :prices, ExpiresAt = :expires REMOVE #lines ADD Version :one",
        ConditionExpression = expectedVersion == 0 ? "attribute_not_exists(Version)" : "Version = :expected",
        ExpressionAttributeNames = new() { ["#lines"] = LegacyLines },
        ExpressionAttributeValues = WithoutUnused(new()
        {
            [":items"] = new AttributeValue { M = cart.Lines.ToDictionary(l => l.ProductId, l => Number(l.Quantity)), IsMSet = true },
            [":added"] = new AttributeValue { M = cart.Lines.Select((l, position) => (l.ProductId, position)).ToDictionary(l => l.ProductId, l => Number(l.position)), IsMSet = true },
            [":prices"] = new AttributeValue
            {
                M = cart.Lines.Where(l => cart.PricesSeen.ContainsKey(l.ProductId)).ToDictionary(l => l.ProductId, l => Money(cart.PricesSeen[l.ProductId])),
                IsMSet = true,
            },
            [":expires"] = Number(ExpiresAt(clock.GetUtcNow())),
            [":one"] = Number(1),
            [":expected"] = Number(expectedVersion),
        }, unused: expectedVersion == 0 ? ":expected" : null),
    };

    /// <summary>DynamoDB refuses a value the expression does not use.</summary>
    private static Dictionary<string, AttributeValue> WithoutUnused(Dictionary<string, AttributeValue> values, string? unused)
    {
        if (unused is not null)
        {
            values.Remove(unused);
        }
        return values;
    }
}
