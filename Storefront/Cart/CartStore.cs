using System.Globalization;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Microsoft.Extensions.Options;
using Shop.Shared.Aws;
using Storefront.Shopping;

namespace Storefront.Cart;

/// <summary>
/// Carts in the carts table (key <c>CartId</c>: <c>shopper#&lt;sub&gt;</c> or <c>anon#&lt;id&gt;</c>), with a TTL so
/// abandoned carts expire. Writes are optimistic: a <c>Version</c> check stops two tabs overwriting each other.
/// </summary>
public sealed class CartStore(IAmazonDynamoDB dynamo, IOptions<TableOptions> tables, IOptions<CartOptions> options, TimeProvider clock)
{
    public async Task<ShoppingCart> GetAsync(string cartId, CancellationToken cancellationToken)
    {
        var response = await dynamo.GetItemAsync(new GetItemRequest
        {
            TableName = tables.Value.Carts,
            Key = Key(cartId),
            ConsistentRead = true,
        }, cancellationToken);
        if (!response.IsItemSet)
        {
            return ShoppingCart.Empty(cartId);
        }
        var lines = response.Item["Lines"].L.Select(l => new RequestedLine(
            l.M["ProductId"].S, int.Parse(l.M["Quantity"].N, CultureInfo.InvariantCulture))).ToList();
        return new ShoppingCart(cartId, lines, long.Parse(response.Item["Version"].N, CultureInfo.InvariantCulture));
    }

    /// <summary>Reads the cart, applies <paramref name="change"/> and saves it, retrying if another write came first.</summary>
    public async Task<ShoppingCart> UpdateAsync(string cartId, Func<ShoppingCart, ShoppingCart> change, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            var cart = await GetAsync(cartId, cancellationToken);
            var changed = change(cart) with { Version = cart.Version + 1 };
            try
            {
                await SaveAsync(changed, expectedVersion: cart.Version, cancellationToken);
                return changed;
            }
            catch (ConditionalCheckFailedException) when (attempt < 5)
            {
            }
        }
    }

    public Task DeleteAsync(string cartId, CancellationToken cancellationToken) =>
        dynamo.DeleteItemAsync(new DeleteItemRequest { TableName = tables.Value.Carts, Key = Key(cartId) }, cancellationToken);

    private Task SaveAsync(ShoppingCart cart, long expectedVersion, CancellationToken cancellationToken)
    {
        var expiresAt = clock.GetUtcNow().AddDays(options.Value.LifetimeDays).ToUnixTimeSeconds();
        var item = Key(cart.CartId);
        item["Lines"] = new AttributeValue
        {
            L = cart.Lines.Select(l => new AttributeValue
            {
                M = new()
                {
                    ["ProductId"] = new AttributeValue { S = l.ProductId },
                    ["Quantity"] = new AttributeValue { N = l.Quantity.ToString(CultureInfo.InvariantCulture) },
                },
            }).ToList(),
        };
        item["Version"] = new AttributeValue { N = cart.Version.ToString(CultureInfo.InvariantCulture) };
        item["ExpiresAt"] = new AttributeValue { N = expiresAt.ToString(CultureInfo.InvariantCulture) };
        return dynamo.PutItemAsync(new PutItemRequest
        {
            TableName = tables.Value.Carts,
            Item = item,
            ConditionExpression = expectedVersion == 0 ? "attribute_not_exists(CartId)" : "Version = :expected",
            ExpressionAttributeValues = expectedVersion == 0 ? null : new()
            {
                [":expected"] = new AttributeValue { N = expectedVersion.ToString(CultureInfo.InvariantCulture) },
            },
        }, cancellationToken);
    }

    private static Dictionary<string, AttributeValue> Key(string cartId) => new() { ["CartId"] = new AttributeValue { S = cartId } };
}
