using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Storefront.Shopping;

namespace Storefront.Catalog;

/// <summary>
/// One product, read fresh from the table (not the snapshot): the stock shown here is what the shopper decides on.
/// The quantity box offers no more than is left, nor more than one order line takes. A retired product's page answers
/// 410 and says it is no longer available.
/// </summary>
public sealed class ProductDetailsModel(ProductCatalog catalog) : PageModel
{
    public Product Product { get; private set; } = null!;

    public int QuantityLimit => Math.Clamp(Product.Stock, ShoppingLimits.MinQuantity, ShoppingLimits.MaxQuantity);

    public async Task<IActionResult> OnGetAsync(string id, CancellationToken cancellationToken)
    {
        var product = await catalog.FindAsync(id, cancellationToken);
        if (product is null)
        {
            return NotFound();
        }
        Product = product;
        if (!product.OnSale)
        {
            // Retired: the address stays known, so say so rather than "not found".
            Response.StatusCode = StatusCodes.Status410Gone;
        }
        return Page();
    }
}
