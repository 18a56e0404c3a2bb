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
/// In four files: reading and the item's shape (here), changing lines (<c>CartStore.Lines</c>), whole-cart writes
/// (<c>CartStore.Replacing</c>) and folding a visitor's cart in at sign-in (<c>CartStore.Folding</c>).
/// </summary>
public sealed partial class CartStore(IAmazonDynamoDB dynamo, IOptions<TableOptions> tables, IOptions<CartOptions> options, TimeProvider clock)
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

    public Task DeleteAsync(string cartId, CancellationToken cancellationToken) =>
        dynamo.DeleteItemAsync(new DeleteItemRequest { TableName = tables.Value.Carts, Key = Key(cartId) }, cancellationToken);

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
