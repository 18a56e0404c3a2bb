using Htmx;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Shop.Shared.Orders;
using Storefront.Checkout;

namespace Storefront.Orders;

/// <summary>
/// One order. Another shopper's order id is a 404, never a 403: the lookup key includes the shopper, so the order
/// simply isn't there for them. For htmx (the status poll) it answers only the status partial.
/// </summary>
[Authorize]
public sealed class DetailsModel(OrderStore orders) : PageModel
{
    public Order Order { get; private set; } = null!;

    /// <summary>Just placed: the page says "Order received".</summary>
    public bool JustPlaced { get; private set; }

    public async Task<IActionResult> OnGetAsync(string orderId, bool received, CancellationToken cancellationToken)
    {
        var shopper = Shopper.From(User) ?? throw new InvalidOperationException("A signed-in shopper has sub and email claims.");
        if (orderId.Length > 64 || await orders.FindAsync(shopper.Id, orderId, cancellationToken) is not { } order)
        {
            return NotFound();
        }
        Order = order;
        JustPlaced = received;
        Response.Headers.Append("Vary", "HX-Request");
        return Request.IsHtmx() ? Partial("_OrderStatus", this) : Page();
    }
}
