using System.Globalization;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Microsoft.Extensions.Options;
using Shop.Shared.Aws;
using Storefront.Shopping;

namespace Storefront.Cart;

/// <summary>
/// Carts in the carts table (key <c>CartId</c>: <c>shopper#&lt;sub&gt;</c> or <c>anon#&lt;id&gt;</c>), with a TTL
/// (<c>ExpiresAt</c>) so abandoned carts expire. Each line is one entry of the <c>LineQuantities</c> map (product id
/// → quantity, with <c>LineAddedAt</c> keeping the order lines were added and <c>LinePrices</c> the catalog's price when
/// each was last added), so adding or changing a line is one atomic update of those entries: concurrent changes to one
/// cart never overwrite each other and never need a retry. Whole-cart writes (a new cart, folding a visitor's cart in,
/// an expired cart started afresh, a cart stored before the maps, as a <c>Lines</c> list or without <c>LinePrices</c>)
/// are conditional on <c>Version</c>, which every write increments.
/// </summary>
public sealed class CartStore(IAmazonDynamoDB dynamo, IOptions<TableOptions> tables, IOptions<CartOptions> options, TimeProvider clock)
{
    /// <summary>Whole-cart writes that lose a race try again this often before the shopper is asked to.</summary>
    private const int Attempts = 5;

    /// <summary>Where carts stored before the line map keep their lines (a reserved word in expressions).</summary>
    private const string LegacyLines = "Lines";

    public async Task<ShoppingCart> GetAsync(string cartId, CancellationToken cancellationToken)
    {
        var response = await dynamo.GetItemAsync(new GetItemRequest
        {
            TableName = tables.Value.Carts,
            Key = Key(cartId),
            ConsistentRead = true,
        }, cancellationToken);
        return Read(cartId, response.IsItemSet ? response.Item : null);
    }

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

    /// <summary>
    /// Folds a visitor's cart into the shopper's, exactly once: the shopper's cart is written and the visitor's deleted
    /// in one transaction, each on condition that it is as read, so a second request folding the same cart at the same
    /// time loses and finds it gone. Null if other changes kept winning: the visitor's cart is still there to fold later.
    /// </summary>
    public async Task<ShoppingCart?> FoldAsync(string visitorCartId, string shopperCartId, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            var visitor = await GetAsync(visitorCartId, cancellationToken);
            var shopper = await GetAsync(shopperCartId, cancellationToken);
            if (visitor.Version == 0)
            {
                return shopper; // Nothing to fold, or another request folded it.
            }
            var merged = visitor.Lines.Aggregate(shopper, (cart, line) =>
            {
                if (cart.IsFull && cart.QuantityOf(line.ProductId) == 0)
                {
                    return cart;
                }
                var folded = cart.With(line.ProductId, cart.QuantityOf(line.ProductId) + line.Quantity);
                return visitor.PriceSeen(line.ProductId) is { } seen ? folded.Seen(line.ProductId, seen) : folded;
            });
            try
            {
                await dynamo.TransactWriteItemsAsync(new TransactWriteItemsRequest
                {
                    TransactItems =
                    [
                        new TransactWriteItem { Update = Replace(merged, shopper.Version) },
                        new TransactWriteItem
                        {
                            Delete = new Delete
                            {
                                TableName = tables.Value.Carts,
                                Key = Key(visitorCartId),
                                ConditionExpression = "Version = :expected",
                                ExpressionAttributeValues = new() { [":expected"] = Number(visitor.Version) },
                            },
                        },
                    ],
                }, cancellationToken);
                return merged with { Version = shopper.Version + 1 };
            }
            catch (TransactionCanceledException)
            {
                // One of the two changed since it was read (or the fold happened elsewhere): read again.
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

    public Task DeleteAsync(string cartId, CancellationToken cancellationToken) =>
        dynamo.DeleteItemAsync(new DeleteItemRequest { TableName = tables.Value.Carts, Key = Key(cartId) }, cancellationToken);

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

    /// <summary>
    /// A stored cart as the shopper sees it: an expired one (its TTL may not have removed it yet; DynamoDB takes up to a
    /// few days) is empty; either shape is read; a line holds at most <see cref="ShoppingLimits.MaxQuantity"/> (an add
    /// may take the stored number past it, once).
    /// </summary>
    private ShoppingCart Read(string cartId, Dictionary<string, AttributeValue>? item)
    {
        if (item is null || !item.TryGetValue("Version", out var version))
        {
            return ShoppingCart.Empty(cartId);
        }
        var stored = long.Parse(version.N, CultureInfo.InvariantCulture);
        if (IsExpired(item, clock.GetUtcNow()))
        {
            return ShoppingCart.Empty(cartId) with { Version = stored };
        }
        IEnumerable<RequestedLine> lines = item.TryGetValue("LineQuantities", out var items) && items.M is { } map
            ? map.OrderBy(l => ParseNumber(item["LineAddedAt"].M[l.Key])).ThenBy(l => l.Key, StringComparer.Ordinal)
                .Select(l => new RequestedLine(l.Key, (int)ParseNumber(l.Value)))
            : item.TryGetValue(LegacyLines, out var list) && list.L is { } legacy
                ? legacy.Select(l => new RequestedLine(l.M["ProductId"].S, (int)ParseNumber(l.M["Quantity"])))
                : [];
        var prices = item.TryGetValue("LinePrices", out var seen) && seen.M is { } priceMap
            ? priceMap.ToDictionary(p => p.Key, p => decimal.Parse(p.Value.N, NumberStyles.Number, CultureInfo.InvariantCulture))
            : [];
        return new ShoppingCart(cartId, lines.Select(l => l with { Quantity = Math.Min(l.Quantity, ShoppingLimits.MaxQuantity) }).ToList(), stored)
        {
            PricesSeen = prices,
        };
    }

    /// <summary>Whether a line can be changed in place: the cart is stored, current, and in the maps' shape.</summary>
    private static bool HasLineMap(Dictionary<string, AttributeValue>? item, DateTimeOffset now) =>
        item is not null && item.ContainsKey("LineQuantities") && item.ContainsKey("LinePrices") && !IsExpired(item, now);

    private static bool IsExpired(Dictionary<string, AttributeValue> item, DateTimeOffset now) =>
        item.TryGetValue("ExpiresAt", out var expiresAt) && ParseNumber(expiresAt) <= now.ToUnixTimeSeconds();

    private long ExpiresAt(DateTimeOffset now) => now.AddDays(options.Value.LifetimeDays).ToUnixTimeSeconds();

    private static long ParseNumber(AttributeValue value) => long.Parse(value.N, CultureInfo.InvariantCulture);

    private static AttributeValue Number(long value) => new() { N = value.ToString(CultureInfo.InvariantCulture) };

    private static AttributeValue Money(decimal value) => new() { N = value.ToString(CultureInfo.InvariantCulture) };

    private static Dictionary<string, AttributeValue> Key(string cartId) => new() { ["CartId"] = new AttributeValue { S = cartId } };
}
