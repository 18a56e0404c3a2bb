namespace Storefront.Catalog;

/// <summary>The orders a shopper can list products in. Each has one spelling in URLs (<see cref="CatalogSorts"/>).</summary>
public enum CatalogSort
{
    Featured,
    PriceLowToHigh,
    PriceHighToLow,
    Name,
}

public static class CatalogSorts
{
    /// <summary>Every order with its URL value and label, in the order the sort menu shows them.</summary>
    public static IReadOnlyList<(CatalogSort Sort, string Value, string Label)> All { get; } =
    [
        (CatalogSort.Featured, "featured", "Featured"),
        (CatalogSort.PriceLowToHigh, "price-asc", "Price: low to high"),
        (CatalogSort.PriceHighToLow, "price-desc", "Price: high to low"),
        (CatalogSort.Name, "name", "Name"),
    ];

    public static string ToQueryValue(this CatalogSort sort) => All.First(s => s.Sort == sort).Value;

    public static bool TryParse(string value, out CatalogSort sort)
    {
        foreach (var known in All)
        {
            if (string.Equals(known.Value, value, StringComparison.OrdinalIgnoreCase))
            {
                sort = known.Sort;
                return true;
            }
        }
        sort = CatalogSort.Featured;
        return false;
    }
}
