using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Shop.Shared.Observability;
using Shop.Shared.Orders;
using Storefront.Orders;
using Storefront.Shopping;

namespace Storefront.Operations;

/// <summary>
/// One order for an operator: the order, where it goes, its lines and history, and the actions its status allows
/// (cancel with a reason, mark shipped with carrier and tracking, mark delivered, resend the last email). Each action is
/// a form post with the antiforgery token, conditional on the status the operator saw, and records the operator's
/// email in the history; each change's email is owed in its write and queued after it (<see cref="EmailDueNotice"/>).
/// Found by number alone (<see cref="OrderStore.FindByNumberAsync"/>), since an operator does not know the shopper.
/// </summary>
[Authorize(Policy = AdminOnly.Policy)]
[ResponseCache(NoStore = true, Location = ResponseCacheLocation.None)]
public sealed class OrderDetailsModel(OrderStore orders, OrderCancellation cancellation, EmailDueNotice emails, ShopMetrics metrics, TimeProvider clock, ILogger<OrderDetailsModel> logger) : PageModel
{
    public Order Order { get; private set; } = null!;

    /// <summary>Why the last action did nothing, or what it did.</summary>
    public string? Refusal { get; private set; }
    public string? Done { get; private set; }
    public Dictionary<string, string> Errors { get; } = [];

    [BindProperty] public string? Reason { get; set; }
    [BindProperty] public string? Carrier { get; set; }
    [BindProperty] public string? TrackingNumber { get; set; }
    [BindProperty] public string? TrackingUrl { get; set; }

    public async Task<IActionResult> OnGetAsync(string orderId, string? done, CancellationToken cancellationToken)
    {
        if (await FindAsync(orderId, cancellationToken) is not { } order)
        {
            return NotFound();
        }
        Order = order;
        Done = done switch { "cancelled" => "Order cancelled; its stock is back.", "shipped" => "Marked shipped.", "delivered" => "Marked delivered.",
            "resent" => "The last email is on its way to the shopper again.", _ => null };
        return Page();
    }

    public async Task<IActionResult> OnPostCancelAsync(string orderId, CancellationToken cancellationToken)
    {
        if (await FindAsync(orderId, cancellationToken) is not { } order)
        {
            return NotFound();
        }
        if (ShipmentForm.Reason(Reason, Errors) is not { } reason)
        {
            return Show(order, StatusCodes.Status400BadRequest);
        }
        var result = await cancellation.CancelAsync(order.ShopperId, order.OrderId, OrderActor.Operator, Operator, reason, HttpContext.GetCorrelationId(), cancellationToken);
        return result switch
        {
            CancelResult.Cancelled => Redirect($"/operations/orders/{Uri.EscapeDataString(orderId)}?done=cancelled"),
            CancelResult.NotAllowed refused => Show(refused.Order, StatusCodes.Status409Conflict, refused.Message),
            CancelResult.NotFound => NotFound(),
            _ => Show(order, StatusCodes.Status503ServiceUnavailable, "The order could not be cancelled just now; nothing changed. Try again."),
        };
    }

    public async Task<IActionResult> OnPostShipAsync(string orderId, CancellationToken cancellationToken)
    {
        if (await FindAsync(orderId, cancellationToken) is not { } order)
        {
            return NotFound();
        }
        if (ShipmentForm.Check(Carrier, TrackingNumber, TrackingUrl, Errors) is not { } shipment)
        {
            return Show(order, StatusCodes.Status400BadRequest);
        }
        var step = new OrderEvent(OrderStatus.Shipped, clock.GetUtcNow(), OrderActor.Operator, Operator, $"{shipment.Carrier} {shipment.TrackingNumber}");
        return await AnswerAsync(await orders.ShipAsync(order, shipment, step, cancellationToken), order, "shipped", "Only a confirmed order can be shipped", cancellationToken);
    }

    public async Task<IActionResult> OnPostDeliverAsync(string orderId, CancellationToken cancellationToken)
    {
        if (await FindAsync(orderId, cancellationToken) is not { } order)
        {
            return NotFound();
        }
        var step = new OrderEvent(OrderStatus.Delivered, clock.GetUtcNow(), OrderActor.Operator, Operator);
        return await AnswerAsync(await orders.DeliverAsync(order, step, cancellationToken), order, "delivered", "Only a shipped order can be marked delivered", cancellationToken);
    }

    /// <summary>Sends the email of the order's status once more. The form carries the history the operator saw, so
    /// a second post of the same form (a double click, a replay) sends nothing more.</summary>
    public async Task<IActionResult> OnPostResendAsync(string orderId, int stepsSeen, CancellationToken cancellationToken)
    {
        if (await FindAsync(orderId, cancellationToken) is not { } order)
        {
            return NotFound();
        }
        if (stepsSeen != order.StepsStored || !CanResend(order))
        {
            return Show(order, StatusCodes.Status409Conflict, $"Order {order.OrderId} has changed since you saw it, or has no email to resend; nothing was sent. Look again before resending.");
        }
        var step = new OrderEvent(order.Status, clock.GetUtcNow(), OrderActor.Operator, Operator, $"Resent the {order.Status.ToString().ToLowerInvariant()} email");
        var (result, email) = await orders.ResendLastEmailAsync(order, step, cancellationToken);
        if (!result.Done)
        {
            return Show(result.Order ?? order, StatusCodes.Status409Conflict, $"Order {order.OrderId} has changed since you saw it; nothing was sent. Look again before resending.");
        }
        await emails.SendAsync(order, email, HttpContext.GetCorrelationId(), cancellationToken);
        logger.LogInformation("Order {OrderId}: the {Email} email resent by operator {Operator} ({CorrelationId})", order.OrderId, email.Id, Operator, HttpContext.GetCorrelationId());
        return Redirect($"/operations/orders/{Uri.EscapeDataString(order.OrderId)}?done=resent");
    }

    /// <summary>What the operator may do in the order's status.</summary>
    public bool CanShip => Order.Status == OrderStatus.Confirmed;
    public bool CanDeliver => Order.Status == OrderStatus.Shipped;

    /// <summary>Every status but PENDING has had an email (or owes one).</summary>
    public static bool CanResend(Order order) => order.Status != OrderStatus.Pending;

    private string Operator => Shopper.Of(User).Email;

    private async Task<IActionResult> AnswerAsync(TransitionResult result, Order seen, string done, string rule, CancellationToken cancellationToken)
    {
        if (result.Done)
        {
            metrics.OrderFulfilled(result.Order!, HttpContext.GetCorrelationId());
            await emails.SendAsync(result.Order!, OwedEmail.For(result.Order!.Status)!, HttpContext.GetCorrelationId(), cancellationToken);
            logger.LogInformation("Order {OrderId} {Done} by operator {Operator} ({CorrelationId})", seen.OrderId, done, Operator, HttpContext.GetCorrelationId());
            return Redirect($"/operations/orders/{Uri.EscapeDataString(seen.OrderId)}?done={done}");
        }
        var now = result.Order ?? seen;
        return Show(now, StatusCodes.Status409Conflict, $"{rule}; order {now.OrderId} is {now.Status.ToString().ToLowerInvariant()}. Nothing changed.");
    }

    private async Task<Order?> FindAsync(string orderId, CancellationToken cancellationToken) =>
        orderId.Length > ShoppingLimits.MaxOrderIdLength ? null : await orders.FindByNumberAsync(orderId, cancellationToken);

    private PageResult Show(Order order, int status, string? refusal = null)
    {
        Order = order;
        Refusal = refusal;
        Response.StatusCode = status;
        return Page();
    }
}
