using Shop.Shared.Orders;

namespace OrderWorker.Email;

/// <summary>The order confirmation a shopper receives: subject with the order number, HTML and text bodies.</summary>
public static class ConfirmationEmail
{
    public static EmailMessage For(Order order, ConfirmationEmailOptions options) =>
        OrderEmailLayout.Compose(order, options, $"{options.ShopName}: order {order.OrderId} is confirmed", "Thank you for your order",
            ["Thank you for your order. It is confirmed and we are getting it ready."]);
}
