namespace Storefront.Cart;

/// <summary>A line whose catalog price is no longer the one the shopper saw when they added it.</summary>
public sealed record PriceChange(decimal Before, decimal Now)
{
    /// <summary>The change, if there is one (a line added before carts kept prices has nothing to compare).</summary>
    public static PriceChange? Of(decimal? seen, decimal now) => seen is { } before && before != now ? new(before, now) : null;
}
