using Storefront.Shopping;

namespace Storefront.Cart;

/// <summary>
/// What a shopper has put in their cart: product ids and quantities. <see cref="PricesSeen"/> keeps the catalog's price
/// of each line when it was last added, only to tell the shopper it changed since: checkout charges the catalog's price.
/// </summary>
public sealed record ShoppingCart(string CartId, IReadOnlyList<RequestedLine> Lines, long Version)
{
    public static ShoppingCart Empty(string cartId) => new(cartId, [], 0);

    /// <summary>Product id → price when last added; a line added before carts kept prices has none.</summary>
    public IReadOnlyDictionary<string, decimal> PricesSeen { get; init; } = new Dictionary<string, decimal>();

    public decimal? PriceSeen(string productId) => PricesSeen.TryGetValue(productId, out var price) ? price : null;

    /// <summary>The cart with <paramref name="productId"/> last added at <paramref name="price"/>.</summary>
    public ShoppingCart Seen(string productId, decimal price) =>
        this with { PricesSeen = new Dictionary<string, decimal>(PricesSeen) { [productId] = price } };

    public int ItemCount => Lines.Sum(l => l.Quantity);

    /// <summary>Sets a line's quantity (0 removes it), within the limits checkout enforces.</summary>
    public ShoppingCart With(string productId, int quantity)
    {
        var lines = Lines.Where(l => l.ProductId != productId).ToList();
        var index = Lines.ToList().FindIndex(l => l.ProductId == productId);
        if (quantity > 0)
        {
            var line = new RequestedLine(productId, Math.Min(quantity, ShoppingLimits.MaxQuantity));
            lines.Insert(index >= 0 ? index : lines.Count, line);
        }
        return this with { Lines = lines };
    }

    public int QuantityOf(string productId) => Lines.FirstOrDefault(l => l.ProductId == productId)?.Quantity ?? 0;

    public bool IsFull => Lines.Count >= ShoppingLimits.MaxLines;
}
