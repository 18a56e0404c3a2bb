using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Storefront.Catalog;

/// <summary>
/// One product, read fresh from the table (not the snapshot): the stock shown here is what the shopper decides on.
/// </summary>
public sealed class ProductDetailsModel(ProductCatalog catalog) : PageModel
{
    /// <summary>The most one order line takes, so the quantity box stays a sensible size.</summary>
    public const int MaxQuantity = 10;

    public Product Product { get; private set; } = null!;

    public int QuantityLimit => Math.Clamp(Product.Stock, 1, MaxQuantity);

    public async Task<IActionResult> OnGetAsync(string id, CancellationToken cancellationToken)
    {
        var product = await catalog.FindAsync(id, cancellationToken);
        if (product is null)
        {
            return NotFound();
        }
        Product = product;
        return Page();
    }
}
