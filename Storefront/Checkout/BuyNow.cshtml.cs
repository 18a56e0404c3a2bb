using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Storefront.Shopping;

namespace Storefront.Checkout;

/// <summary>
/// "Buy now" on a product page posts here; it answers with the checkout page for that one line as a GET URL, so the
/// sign-in redirect (checkout needs a signed-in shopper) brings the shopper back to the same purchase.
/// </summary>
public sealed class BuyNowModel : PageModel
{
    public IActionResult OnGet() => Redirect("/");

    public IActionResult OnPost(string? productId, int? quantity) =>
        string.IsNullOrWhiteSpace(productId) || productId.Length > ShoppingLimits.MaxProductIdLength
            ? BadRequest()
            : RedirectToPage("/Checkout/Index", new { buy = productId, quantity = ShoppingLimits.ClampQuantity(quantity) });
}
