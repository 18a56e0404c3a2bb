using Storefront.Shopping;

namespace Storefront.Cart;

/// <summary>What a shopper has put in their cart: product ids and quantities, never prices.</summary>
public sealed record ShoppingCart(string CartId, IReadOnlyList<RequestedLine> Lines, long Version)
{
    public static ShoppingCart Empty(string cartId) => new(cartId, [], 0);

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
