namespace Storefront.Catalog;

/// <summary>
/// A product as shoppers see it. <paramref name="Image"/> is relative to the static root. <paramref name="Version"/>
/// counts operators' edits (0 for a product no operator has edited yet); a product not <paramref name="OnSale"/> is
/// retired: out of the catalog, kept for the orders that hold it.
/// </summary>
public sealed record Product(
    string Id,
    string Name,
    string Description,
    string Category,
    string CategoryName,
    decimal Price,
    int Stock,
    string Image,
    int FeaturedRank,
    int Version = 0,
    bool OnSale = true)
{
    /// <summary>At or below this many left, shoppers are told how many remain.</summary>
    public const int LowStockThreshold = 5;

    public bool InStock => Stock > 0;

    /// <summary>The product page's address.</summary>
    public string Url => $"/products/{Uri.EscapeDataString(Id)}";

    public StockLevel StockLevel => Stock switch
    {
        <= 0 => StockLevel.OutOfStock,
        <= LowStockThreshold => StockLevel.Low,
        _ => StockLevel.InStock,
    };

    /// <summary>What a shopper reads about availability: "In stock", "Only 3 left", "Out of stock".</summary>
    public string StockLabel => StockLevel switch
    {
        StockLevel.OutOfStock => "Out of stock",
        StockLevel.Low => $"Only {Stock} left",
        _ => "In stock",
    };
}

public enum StockLevel
{
    InStock,
    Low,
    OutOfStock,
}

/// <summary>A category shoppers can filter by: its id goes in URLs, its name on screen.</summary>
public sealed record Category(string Id, string Name);
