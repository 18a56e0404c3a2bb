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

    /// <summary>Just cancelled by the shopper: the page says so.</summary>
    public bool JustCancelled { get; private set; }

    /// <summary>A step of the timeline in words: what happened and who did it.</summary>
    public static string Describe(OrderEvent step) => (step.Status, step.By) switch
    {
        (OrderStatus.Pending, _) => "Placed",
        (OrderStatus.Confirmed, _) => "Confirmed",
        (OrderStatus.Shipped, _) => "Shipped",
        (OrderStatus.Delivered, _) => "Delivered",
        (OrderStatus.Cancelled, OrderActor.Shopper) => "Cancelled by you",
        (OrderStatus.Cancelled, _) => "Cancelled by the shop",
        _ => step.Status.ToString(),
    };

    public async Task<IActionResult> OnGetAsync(string orderId, bool received, bool cancelled, CancellationToken cancellationToken)
    {
        var shopper = Shopper.Of(User);
        if (orderId.Length > ShoppingLimits.MaxOrderIdLength || await orders.FindAsync(shopper.Id, orderId, cancellationToken) is not { } order)
        {
            return NotFound();
        }
        Order = order;
        JustPlaced = received;
        JustCancelled = cancelled && order.Status == OrderStatus.Cancelled;
        HtmxResponses.VaryByHtmx(Response);
        return Request.IsHtmx() ? Partial("_OrderStatus", this) : Page();
    }
}
