using Htmx;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Storefront.Catalog;
using Storefront.Shopping;

namespace Storefront.Cart;

/// <summary>
/// The cart: see lines and subtotal, change quantities, remove lines; and <c>POST /cart/lines</c>, which adds a
/// product from the catalog or product page. Every form works as a plain post that redirects back; with htmx the
/// answer is the changed part only (the lines, or a message) plus the header count, swapped out of band.
/// </summary>
public sealed class IndexModel(CurrentCart cart, CatalogSnapshots catalog, ProductCatalog products) : PageModel
{
    public IReadOnlyList<CartLineView> Lines { get; private set; } = [];
    public decimal Subtotal => Lines.Sum(l => l.LineTotal);
    public string? Message { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostLinesAsync(string? productId, int? quantity, string? returnUrl, CancellationToken cancellationToken)
    {
        var change = await cart.AddAsync(HttpContext, productId ?? "", ShoppingLimits.ClampQuantity(quantity), cancellationToken);
        if (change == CartChange.Busy)
        {
            return Busy();
        }
        Message = change switch
        {
            CartChange.UnknownProduct => "That product is not in our catalog.",
            CartChange.CartFull => $"Your cart is full: an order can have at most {ShoppingLimits.MaxLines} different products.",
            _ => "Added to your cart.",
        };
        if (Request.IsHtmx())
        {
            return Partial("_CartAdded", this);
        }
        if (change == CartChange.UnknownProduct)
        {
            await LoadAsync(cancellationToken);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        // The page after the redirect says what happened (once), or the shopper sees only the header count change.
        var name = change == CartChange.Done ? await ProductNameAsync(productId!, cancellationToken) : null;
        CartNotice.Set(TempData, name is null ? Message : $"Added {name} to your cart.");
        return LocalRedirect(Url.IsLocalUrl(returnUrl) ? returnUrl : "/cart");
    }

    /// <summary>The name the shopper saw on the card or page: the catalog's, as listed (null if not listed yet).</summary>
    private async Task<string?> ProductNameAsync(string productId, CancellationToken cancellationToken) =>
        (await catalog.CurrentAsync(cancellationToken)).Find(productId) is { OnSale: true } product ? product.Name : null;

    public async Task<IActionResult> OnPostUpdateAsync(string? productId, int? quantity, CancellationToken cancellationToken)
    {
        return await cart.SetQuantityAsync(HttpContext, productId ?? "", quantity ?? 1, cancellationToken)
            ? await AfterChangeAsync(cancellationToken)
            : Busy();
    }

    public async Task<IActionResult> OnPostRemoveAsync(string? productId, CancellationToken cancellationToken)
    {
        return await cart.SetQuantityAsync(HttpContext, productId ?? "", 0, cancellationToken)
            ? await AfterChangeAsync(cancellationToken)
            : Busy();
    }

    /// <summary>The shop's 503 "We're busy right now. Nothing was changed. Please try again in a moment."</summary>
    private StatusCodeResult Busy()
    {
        Response.Headers.RetryAfter = "1";
        return StatusCode(StatusCodes.Status503ServiceUnavailable);
    }

    private async Task<IActionResult> AfterChangeAsync(CancellationToken cancellationToken)
    {
        if (!Request.IsHtmx())
        {
            return Redirect("/cart");
        }
        await LoadAsync(cancellationToken);
        return Partial("_CartLines", this);
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var current = await cart.GetAsync(HttpContext, cancellationToken);
        // The prices checkout would charge now, not the snapshot's, so a price change is told truly and at once.
        var found = await products.FindManyAsync(current.Lines.Select(l => l.ProductId), cancellationToken);
        Lines = current.Lines.Where(l => found.ContainsKey(l.ProductId))
            .Select(l => new CartLineView(found[l.ProductId], l.Quantity, current.PriceSeen(l.ProductId))).ToList();
    }
}

public sealed record CartLineView(Product Product, int Quantity, decimal? PriceSeen)
{
    public PriceChange? PriceChange => PriceChange.Of(PriceSeen, Product.Price);

    /// <summary>Retired since it was added: shown as no longer available, counted in no total, refused by checkout.</summary>
    public bool Available => Product.OnSale;

    public decimal LineTotal => Available ? Product.Price * Quantity : 0m;
}
