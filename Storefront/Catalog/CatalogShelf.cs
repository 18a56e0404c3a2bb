using System.Globalization;

namespace Storefront.Catalog;

/// <summary>One page of products for a <see cref="CatalogQuery"/>, with what the shopper needs to page on.</summary>
public sealed record CatalogPage(IReadOnlyList<Product> Products, int TotalCount, int Page, int PageCount, int PageSize);

/// <summary>
/// Filtering, search, sorting and paging over the catalog snapshot: pure functions of the products and the query,
/// shared by the catalog page and the JSON API.
/// </summary>
public static class CatalogShelf
{
    // Matches "cafe" to "Café" and "MUG" to "mug": shoppers type without accents or capitals.
    private const CompareOptions Loosely = CompareOptions.IgnoreCase | CompareOptions.IgnoreNonSpace;
    private static readonly CompareInfo Text = CultureInfo.InvariantCulture.CompareInfo;

    public static CatalogPage Browse(IReadOnlyList<Product> products, CatalogQuery query, int pageSize)
    {
        var words = query.SearchWords;
        var matching = Sort(products.Where(p => InCategory(p, query.Category) && MatchesSearch(p, words)), query.Sort).ToList();
        var pageCount = Math.Max(1, (matching.Count + pageSize - 1) / pageSize);
        // Past the end shows the last page rather than an empty one: a shared link outlives the products it showed.
        var page = Math.Min(query.Page, pageCount);
        return new CatalogPage(matching.Skip((page - 1) * pageSize).Take(pageSize).ToList(), matching.Count, page, pageCount, pageSize);
    }

    public static bool InCategory(Product product, string? category) =>
        category is null || string.Equals(product.Category, category, StringComparison.OrdinalIgnoreCase);

    /// <summary>Every word must appear in the name or the description.</summary>
    public static bool MatchesSearch(Product product, IReadOnlyList<string> words) =>
        words.All(word => Text.IndexOf(product.Name, word, Loosely) >= 0 || Text.IndexOf(product.Description, word, Loosely) >= 0);

    public static IEnumerable<Product> Sort(IEnumerable<Product> products, CatalogSort sort)
    {
        // Ties fall back to featured order, then name, so every order is total and paging never repeats a product.
        var sorted = sort switch
        {
            CatalogSort.PriceLowToHigh => products.OrderBy(p => p.Price).ThenBy(p => p.FeaturedRank),
            CatalogSort.PriceHighToLow => products.OrderByDescending(p => p.Price).ThenBy(p => p.FeaturedRank),
            CatalogSort.Name => products.OrderBy(p => p.Name, StringComparer.InvariantCultureIgnoreCase).ThenBy(p => p.FeaturedRank),
            _ => products.OrderBy(p => p.FeaturedRank),
        };
        return sorted.ThenBy(p => p.Name, StringComparer.Ordinal).ThenBy(p => p.Id, StringComparer.Ordinal);
    }

    /// <summary>The categories that have products, by name, for the category filter.</summary>
    public static IReadOnlyList<Category> Categories(IEnumerable<Product> products) =>
        products.GroupBy(p => p.Category, StringComparer.Ordinal)
            .Select(g => new Category(g.Key, g.First().CategoryName))
            .OrderBy(c => c.Name, StringComparer.InvariantCultureIgnoreCase)
            .ToList();
}
