using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Storefront.Catalog;

public sealed class IndexModel(ProductCatalog catalog) : PageModel
{
    public IReadOnlyList<Product> Products { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Products = await catalog.ListAsync(cancellationToken);
    }
}
