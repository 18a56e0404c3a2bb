namespace Storefront.Catalog;

/// <summary>What became of an operator's save: closed, so each page handles every case.</summary>
public abstract record ProductEditResult
{
    private ProductEditResult() { }

    /// <summary>Saved; <paramref name="Product"/> is the product as it is now.</summary>
    public sealed record Saved(Product Product) : ProductEditResult;

    /// <summary>Someone saved a newer version first; nothing was written. <paramref name="Current"/> is their version.</summary>
    public sealed record ChangedByAnother(Product Current) : ProductEditResult;

    /// <summary>A new product's id is already a product's.</summary>
    public sealed record IdTaken : ProductEditResult;

    public sealed record NotFound : ProductEditResult;
}

/// <summary>What became of a stock change.</summary>
public abstract record StockChangeResult
{
    private StockChangeResult() { }

    public sealed record Changed(int Before, int After) : StockChangeResult;

    /// <summary>Removing that many would leave less than nothing (or setting it would pass the maximum); nothing changed.</summary>
    public sealed record OutOfRange(int Current) : StockChangeResult;

    /// <summary>Checkouts kept changing the count faster than it could be set; nothing changed, try again.</summary>
    public sealed record Busy : StockChangeResult;

    public sealed record NotFound : StockChangeResult;
}

/// <summary>A stock change as an operator asks for it: an exact count, or so many added (negative: removed).</summary>
public sealed record StockChange(int Amount, bool IsExactCount)
{
    public int Apply(int current) => IsExactCount ? Amount : current + Amount;
}
