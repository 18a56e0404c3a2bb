using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Shop.Shared.Observability;
using Shop.Shared.Orders;
using Storefront.Shopping;

namespace Storefront.Orders;

/// <summary>
/// The shopper's "Cancel order", in two steps so a stray click cancels nothing: GET asks "Cancel this order?", the
/// POST (antiforgery token) cancels it. Plain links and forms, so it works without JavaScript. Another shopper's
/// order is a 404, as on the order page.
/// </summary>
[Authorize]
public sealed class CancelModel(OrderStore orders, OrderCancellation cancellation) : PageModel
{
    public Order Order { get; private set; } = null!;

    /// <summary>Why the order was not cancelled, when it was not.</summary>
    public string? Refusal { get; private set; }

    public async Task<IActionResult> OnGetAsync(string orderId, CancellationToken cancellationToken)
    {
        if (orderId.Length > ShoppingLimits.MaxOrderIdLength || await orders.FindAsync(Shopper.Of(User).Id, orderId, cancellationToken) is not { } order)
        {
            return NotFound();
        }
        Order = order;
        Refusal = order.IsCancellable ? null : new CancelResult.NotAllowed(order).Message;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string orderId, CancellationToken cancellationToken)
    {
        if (orderId.Length > ShoppingLimits.MaxOrderIdLength)
        {
            return NotFound();
        }
        var result = await cancellation.CancelAsync(Shopper.Of(User).Id, orderId, OrderActor.Shopper, null, null, HttpContext.GetCorrelationId(), cancellationToken);
        switch (result)
        {
            case CancelResult.Cancelled:
                return Redirect($"/orders/{Uri.EscapeDataString(orderId)}?cancelled=true");
            case CancelResult.NotAllowed notAllowed:
                Order = notAllowed.Order;
                Refusal = notAllowed.Message;
                Response.StatusCode = StatusCodes.Status409Conflict;
                return Page();
            case CancelResult.NotFound:
                return NotFound();
            default:
                Order = (await orders.FindAsync(Shopper.Of(User).Id, orderId, cancellationToken))!;
                Refusal = "We could not cancel your order just now. Nothing changed; please try again.";
                Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
                return Page();
        }
    }
}
