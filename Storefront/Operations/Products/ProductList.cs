using Storefront.Catalog;

namespace Storefront.Operations.Products;

/// <summary>The operator's product list as asked for in the query string; any value is made a safe one.</summary>
public sealed record ProductListQuery(string Search, string Category, bool LowStock, bool IncludeRetired, string Sort, int Page)
{
    public const int PageSize = 25;
    public const int MaxSearchLength = 100;
    public static readonly IReadOnlyList<string> Sorts = ["name", "id", "stock", "price", "featured"];

    public static ProductListQuery Parse(string? q, string? category, bool lowStock, bool retired, string? sort, int? page) => new(
        (q ?? "").Trim() is var search && search.Length > MaxSearchLength ? search[..MaxSearchLength] : search,
        category ?? "",
        lowStock,
        retired,
        Sorts.Contains(sort) ? sort! : "name",
        page is > 0 ? page.Value : 1);

    public string ToUrl(int page) => "/operations/products" + QueryString.Create(new Dictionary<string, string?>
        {
            ["q"] = Search.Length > 0 ? Search : null,
            ["category"] = Category.Length > 0 ? Category : null,
            ["lowStock"] = LowStock ? "true" : null,
            ["retired"] = IncludeRetired ? "true" : null,
            ["sort"] = Sort,
            ["page"] = page.ToString(System.Globalization.CultureInfo.InvariantCulture),
        }.Where(p => p.Value is not null));
}

/// <summary>One page of the operator's product list.</summary>
public sealed record ProductListPage(IReadOnlyList<Product> Products, int Page, int PageCount, int TotalCount);

/// <summary>Filters, sorts and pages every product for operators (pure, so the rules are tested without a table).</summary>
public static class ProductList
{
    public static ProductListPage Browse(IEnumerable<Product> products, ProductListQuery query, int lowStockThreshold)
    {
        var matching = products
            .Where(p => query.IncludeRetired || p.OnSale)
            .Where(p => query.Category.Length == 0 || p.Category == query.Category)
            .Where(p => !query.LowStock || p.Stock <= lowStockThreshold)
            .Where(p => query.Search.Length == 0
                || p.Name.Contains(query.Search, StringComparison.OrdinalIgnoreCase)
                || p.Id.Contains(query.Search, StringComparison.OrdinalIgnoreCase));
        var sorted = (query.Sort switch
        {
            "id" => matching.OrderBy(p => p.Id, StringComparer.Ordinal),
            "stock" => matching.OrderBy(p => p.Stock).ThenBy(p => p.Id, StringComparer.Ordinal),
            "price" => matching.OrderBy(p => p.Price).ThenBy(p => p.Id, StringComparer.Ordinal),
            "featured" => matching.OrderBy(p => p.FeaturedRank).ThenBy(p => p.Id, StringComparer.Ordinal),
            _ => matching.OrderBy(p => p.Name, StringComparer.CurrentCultureIgnoreCase).ThenBy(p => p.Id, StringComparer.Ordinal),
        }).ToList();
        var pageCount = Math.Max(1, (sorted.Count + ProductListQuery.PageSize - 1) / ProductListQuery.PageSize);
        var page = Math.Min(query.Page, pageCount);
        return new ProductListPage(sorted.Skip((page - 1) * ProductListQuery.PageSize).Take(ProductListQuery.PageSize).ToList(),
            page, pageCount, sorted.Count);
    }
}
