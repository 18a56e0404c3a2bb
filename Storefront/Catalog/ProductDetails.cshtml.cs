using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Storefront.Shopping;

namespace Storefront.Catalog;

/// <summary>
/// One product, from the catalog snapshot like the listings, so the page can be kept (<see cref="CatalogPageCache"/>):
/// the stock it shows is at most <see cref="CatalogOptions.SnapshotLifetime"/> old, so a product that sold out longer
/// ago than that never shows as in stock, and checkout, which reads the table, refuses what is no longer there with a
/// clear message. A product added since the snapshot is read from the table. The quantity box offers no more than is
/// left, nor more than one order line takes. A retired product's page answers 410 and says it is no longer available.
/// </summary>
public sealed class ProductDetailsModel(CatalogSnapshots snapshots, ProductCatalog catalog) : PageModel
{
    public Product Product { get; private set; } = null!;

    public int QuantityLimit => Math.Clamp(Product.Stock, ShoppingLimits.MinQuantity, ShoppingLimits.MaxQuantity);

    public async Task<IActionResult> OnGetAsync(string id, CancellationToken cancellationToken)
    {
        var product = (await snapshots.CurrentAsync(cancellationToken)).Find(id) ?? await catalog.FindAsync(id, cancellationToken);
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
