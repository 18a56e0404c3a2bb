namespace Shop.Shared.Orders;

/// <summary>
/// The message the Storefront puts on the orders queue when it accepts an order; the worker confirms it.
/// Body: this record as camelCase JSON. Attributes: <c>MessageType</c> and <c>ContractVersion</c>.
/// </summary>
public sealed record OrderPlaced(string OrderId, string ShopperId, DateTimeOffset PlacedAt)
{
    public const string MessageType = "OrderPlaced";
    public const string ContractVersion = "1";

    public string ToJson() => OrderMessageJson.Write(this);

    /// <summary>Parses a message body; a malformed one is an expected outcome (it goes to the DLQ), so no exception.</summary>
    public static bool TryParse(string? body, out OrderPlaced? message, out string? error) =>
        OrderMessageJson.TryRead(body,
            m => string.IsNullOrWhiteSpace(m.OrderId) || string.IsNullOrWhiteSpace(m.ShopperId) ? "orderId and shopperId are required" : null,
            out message, out error);
}
