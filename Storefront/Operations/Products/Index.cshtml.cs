using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using Storefront.Catalog;
using Storefront.Site;

namespace Storefront.Operations.Products;

/// <summary>
/// Every product for operators, read fresh from the table (retired ones on request): search by name or id, filter by
/// category and low stock, sort, page. All state is in the query string, so it works without JavaScript.
/// </summary>
[Authorize(Policy = AdminOnly.Policy)]
[ResponseCache(NoStore = true, Location = ResponseCacheLocation.None)]
public sealed class IndexModel(ProductCatalog catalog, IOptions<ProductListOptions> options, StaticAssets assets) : PageModel
{
    public ProductListQuery Query { get; private set; } = ProductListQuery.Parse(null, null, false, false, null, null);
    public ProductListPage Results { get; private set; } = new([], 1, 1, 0);
    public IReadOnlyList<Category> Categories { get; private set; } = [];
    public int LowStockThreshold => options.Value.LowStockThreshold;

    public async Task OnGetAsync(string? q, string? category, bool lowStock, bool retired, string? sort, int? page, CancellationToken cancellationToken)
    {
        var products = await catalog.ListAsync(cancellationToken);
        Categories = CatalogShelf.Categories(products);
        Query = ProductListQuery.Parse(q, category, lowStock, retired, sort, page);
        Results = ProductList.Browse(products, Query, LowStockThreshold);
    }

    /// <summary><c>?handler=Export</c>: every product, retired ones included, as a CSV file.</summary>
    public async Task<IActionResult> OnGetExportAsync(CancellationToken cancellationToken) =>
        File(System.Text.Encoding.UTF8.GetBytes(CatalogCsv.Export(await catalog.ListAsync(cancellationToken), assets.ImageUrl)),
            "text/csv; charset=utf-8", "catalog.csv");
}
