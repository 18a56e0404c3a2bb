using Htmx;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Shop.Shared.Orders;
using Storefront.Shopping;
using Storefront.Site;

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
        var shopper = Shopper.Of(User);
        if (orderId.Length > ShoppingLimits.MaxOrderIdLength || await orders.FindAsync(shopper.Id, orderId, cancellationToken) is not { } order)
        {
            return NotFound();
        }
        Order = order;
        JustPlaced = received;
        HtmxResponses.VaryByHtmx(Response);
        return Request.IsHtmx() ? Partial("_OrderStatus", this) : Page();
    }
}
