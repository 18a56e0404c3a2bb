namespace Storefront.Catalog;

/// <summary>A product as shoppers see it. <paramref name="Image"/> is relative to the static root.</summary>
public sealed record Product(
    string Id,
    string Name,
    string Description,
    string Category,
    string CategoryName,
    decimal Price,
    int Stock,
    string Image,
    int FeaturedRank)
{
    public bool InStock => Stock > 0;
}
