using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Storefront.Shopping;

namespace Storefront.Cart;

public sealed partial class CartStore
{
    /// <summary>Adds <paramref name="quantity"/> to a line (a new line if the cart has room) and remembers
    /// <paramref name="price"/> as the price the shopper saw; a line already at the most one order may hold stays there.
    /// The cart as it is after the change, unless <see cref="CartChange.Busy"/>.</summary>
    public async Task<(CartChange Change, ShoppingCart? Cart)> AddAsync(string cartId, string productId, int quantity, decimal price, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            var now = clock.GetUtcNow();
            var (updated, refused) = await UpdateLineAsync(cartId, productId,
                "SET LineQuantities.#p = if_not_exists(LineQuantities.#p, :zero) + :q, LineAddedAt.#p = if_not_exists(LineAddedAt.#p, :now), " +
                    "LinePrices.#p = :price, ExpiresAt = :expires ADD Version :one",
                // The line has room, or the cart has room for a new line; the cart is in the maps' shape and current.
                "attribute_exists(LineQuantities) AND attribute_exists(LinePrices) AND ExpiresAt > :nowSeconds AND " +
                    "((attribute_exists(LineQuantities.#p) AND LineQuantities.#p < :maxQuantity) OR (attribute_not_exists(LineQuantities.#p) AND size(LineQuantities) < :maxLines))",
                new()
                {
                    [":zero"] = Number(0),
                    [":q"] = Number(quantity),
                    [":price"] = Money(price),
                    [":now"] = Number(now.ToUnixTimeMilliseconds()),
                    [":nowSeconds"] = Number(now.ToUnixTimeSeconds()),
                    [":expires"] = Number(ExpiresAt(now)),
                    [":one"] = Number(1),
                    [":maxQuantity"] = Number(ShoppingLimits.MaxQuantity),
                    [":maxLines"] = Number(ShoppingLimits.MaxLines),
                }, cancellationToken);
            if (updated is not null)
            {
                return (CartChange.Done, updated);
            }
            var stored = Read(cartId, refused);
            if (!HasLineMap(refused, now))
            {
                // New, expired, or stored before the maps: write it whole, with this line in it.
                var full = stored.IsFull && stored.QuantityOf(productId) == 0;
                var added = full ? stored : stored.With(productId, stored.QuantityOf(productId) + quantity).Seen(productId, price);
                if (await TryReplaceAsync(added, stored.Version, cancellationToken) is { } replaced)
                {
                    return (full ? CartChange.CartFull : CartChange.Done, replaced);
                }
            }
            else if (stored.QuantityOf(productId) >= ShoppingLimits.MaxQuantity)
            {
                return (CartChange.Done, stored); // Already as many as one order may hold.
            }
            else if (stored.IsFull && stored.QuantityOf(productId) == 0)
            {
                return (CartChange.CartFull, stored);
            }
            // Otherwise the cart changed between the update and the reason it gave: try again.
        }
        return (CartChange.Busy, null);
    }

    /// <summary>Sets the quantity of a line the cart has (0 removes it); a line it does not have stays out.</summary>
    public async Task<ShoppingCart?> SetQuantityAsync(string cartId, string productId, int quantity, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            var now = clock.GetUtcNow();
            var (updated, refused) = await UpdateLineAsync(cartId, productId,
                quantity == 0
                    ? "REMOVE LineQuantities.#p, LineAddedAt.#p, LinePrices.#p SET ExpiresAt = :expires ADD Version :one"
                    : "SET LineQuantities.#p = :q, ExpiresAt = :expires ADD Version :one",
                "attribute_exists(LineQuantities.#p) AND attribute_exists(LinePrices) AND ExpiresAt > :nowSeconds",
                WithoutUnused(new()
                {
                    [":nowSeconds"] = Number(now.ToUnixTimeSeconds()),
                    [":expires"] = Number(ExpiresAt(now)),
                    [":one"] = Number(1),
                    [":q"] = Number(quantity),
                }, unused: quantity == 0 ? ":q" : null), cancellationToken);
            if (updated is not null)
            {
                return updated;
            }
            var stored = Read(cartId, refused);
            if (stored.QuantityOf(productId) == 0 || HasLineMap(refused, now))
            {
                return stored; // Not a line of this cart (or not any more).
            }
            // A cart stored before the maps: write it whole, with the change.
            if (await TryReplaceAsync(stored.With(productId, quantity), stored.Version, cancellationToken) is { } replaced)
            {
                return replaced;
            }
        }
        return null;
    }

    /// <summary>One conditional update of a line: the cart after it, or (null and) the item as it stood when the
    /// condition refused it (null if there is none).</summary>
    private async Task<(ShoppingCart? Updated, Dictionary<string, AttributeValue>? Refused)> UpdateLineAsync(string cartId, string productId,
        string update, string condition, Dictionary<string, AttributeValue> values, CancellationToken cancellationToken)
    {
        try
        {
            var updated = await dynamo.UpdateItemAsync(new UpdateItemRequest
            {
                TableName = tables.Value.Carts,
                Key = Key(cartId),
                UpdateExpression = update,
                ConditionExpression = condition,
                ExpressionAttributeNames = new() { ["#p"] = productId },
                ExpressionAttributeValues = values,
                ReturnValues = ReturnValue.ALL_NEW,
                ReturnValuesOnConditionCheckFailure = ReturnValuesOnConditionCheckFailure.ALL_OLD,
            }, cancellationToken);
            return (Read(cartId, updated.Attributes), null);
        }
        catch (ConditionalCheckFailedException refused)
        {
            return (null, refused.Item);
        }
    }
}
