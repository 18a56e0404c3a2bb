namespace Shop.Shared.Orders;

/// <summary>
/// The message a status change (shipped, delivered, cancelled) or an operator's "resend" puts on the orders queue:
/// the worker owes the shopper the email <see cref="Email"/> (an <see cref="OwedEmail"/> id) about the order. The
/// change itself recorded the email as owed on the order, in the same write, so a message that is never sent is
/// made good by the worker's sweep. Body: this record as camelCase JSON; attributes as <see cref="OrderPlaced"/>'s.
/// </summary>
public sealed record OrderEmailDue(string OrderId, string ShopperId, string Email)
{
    public const string MessageType = "OrderEmailDue";
    public const string ContractVersion = "1";

    public string ToJson() => OrderMessageJson.Write(this);

    public static bool TryParse(string? body, out OrderEmailDue? message, out string? error) =>
        OrderMessageJson.TryRead(body,
            m => string.IsNullOrWhiteSpace(m.OrderId) || string.IsNullOrWhiteSpace(m.ShopperId) ? "orderId and shopperId are required"
                : !OwedEmail.TryParse(m.Email, out _) ? "email is not a known email" : null,
            out message, out error);
}
