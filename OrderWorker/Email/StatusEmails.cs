using Shop.Shared.Orders;

namespace OrderWorker.Email;

/// <summary>
/// The emails of an order's later life: shipped (carrier, tracking number, the tracking page if the operator gave
/// one), delivered, cancelled (who cancelled and why, and that nothing was charged). For a resend, the email of the
/// status it names, as it reads now.
/// </summary>
public static class StatusEmails
{
    public static EmailMessage For(OwedEmail email, Order order, ConfirmationEmailOptions options) => email.Status switch
    {
        OrderStatus.Confirmed => ConfirmationEmail.For(order, options),
        OrderStatus.Shipped => Shipped(order, options),
        OrderStatus.Delivered => OrderEmailLayout.Compose(order, options, $"{options.ShopName}: order {order.OrderId} has been delivered",
            "Your order has been delivered", [$"Order {order.OrderId} has been delivered. We hope you enjoy it."]),
        OrderStatus.Cancelled => Cancelled(order, options),
        _ => throw new ArgumentOutOfRangeException(nameof(email), email.Status, "No email tells of this status."),
    };

    private static EmailMessage Shipped(Order order, ConfirmationEmailOptions options)
    {
        var shipment = order.Shipment;
        var how = shipment is null ? "It is on its way." : $"It is on its way with {shipment.Carrier}, tracking number {shipment.TrackingNumber}.";
        return OrderEmailLayout.Compose(order, options, $"{options.ShopName}: order {order.OrderId} has shipped", "Your order has shipped",
            [$"Order {order.OrderId} has left our warehouse. {how}"],
            shipment?.TrackingUrl is { } url ? new EmailLink("Track your parcel", url) : null);
    }

    private static EmailMessage Cancelled(Order order, ConfirmationEmailOptions options)
    {
        var step = order.Timeline.LastOrDefault(s => s.Status == OrderStatus.Cancelled);
        var who = step?.By == OrderActor.Shopper ? "You cancelled this order." : "We cancelled this order.";
        string[] paragraphs = step?.Note is { Length: > 0 } reason
            ? [$"Order {order.OrderId} is cancelled. {who}", $"Reason: {reason}", "Nothing was charged."]
            : [$"Order {order.OrderId} is cancelled. {who}", "Nothing was charged."];
        return OrderEmailLayout.Compose(order, options, $"{options.ShopName}: order {order.OrderId} is cancelled", "Your order is cancelled", paragraphs);
    }
}
