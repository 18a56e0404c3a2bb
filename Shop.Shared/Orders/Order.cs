using System.Security.Cryptography;

namespace Shop.Shared.Orders;

/// <summary>PENDING → CONFIRMED → SHIPPED → DELIVERED; CANCELLED from PENDING or CONFIRMED only.</summary>
public enum OrderStatus
{
    Pending,
    Confirmed,
    Shipped,
    Delivered,
    Cancelled,
}

/// <summary>Who made an order's status change.</summary>
public enum OrderActor
{
    Shopper,
    Operator,
    System,
}

/// <summary>How a shipped order travels: the carrier, its tracking number, and a tracking page (http or https) if any.</summary>
public sealed record Shipment(string Carrier, string TrackingNumber, string? TrackingUrl);

/// <summary>One step of an order's history: its new status, when, who (and, for an operator, their email) and why.</summary>
public sealed record OrderEvent(OrderStatus Status, DateTimeOffset At, OrderActor By, string? Who = null, string? Note = null);

/// <summary>One product line of an order, priced from the catalog when the order was placed.</summary>
public sealed record OrderLine(string ProductId, string Name, decimal UnitPrice, int Quantity)
{
    public decimal LineTotal => UnitPrice * Quantity;
}

/// <summary>
/// An order as the shop keeps it: accepted as PENDING by the Storefront, CONFIRMED by the worker. Orders placed
/// before checkout asked for an address have no <see cref="ShipTo"/>.
/// </summary>
public sealed record Order(
    string OrderId,
    string ShopperId,
    string ShopperEmail,
    IReadOnlyList<OrderLine> Lines,
    OrderStatus Status,
    DateTimeOffset PlacedAt,
    DateTimeOffset? ConfirmedAt,
    DateTimeOffset? EmailSentAt,
    string CorrelationId,
    ShippingAddress? ShipTo = null,
    IReadOnlyList<OrderEvent>? History = null,
    Shipment? Shipment = null)
{
    public decimal Total => Lines.Sum(l => l.LineTotal);

    /// <summary>Every status change, oldest first. Orders placed before the history was kept get theirs from their
    /// times.</summary>
    public IReadOnlyList<OrderEvent> Timeline => History is [{ Status: OrderStatus.Pending }, ..] ? History :
    [
        new OrderEvent(OrderStatus.Pending, PlacedAt, OrderActor.Shopper),
        .. History ?? (ConfirmedAt is { } confirmed ? [new OrderEvent(OrderStatus.Confirmed, confirmed, OrderActor.System)] : []),
    ];

    /// <summary>The history's steps that changed the status, for the shopper: an operator's resend of an email is a step
    /// of the history that repeats the status.</summary>
    public IReadOnlyList<OrderEvent> StatusChanges => Timeline.Where((step, i) => i == 0 || step.Status != Timeline[i - 1].Status).ToList();

    /// <summary>How many steps the stored history holds (orders placed before it was kept may hold none, or miss the first).</summary>
    public int StepsStored => History?.Count ?? 0;

    /// <summary>The shopper or an operator may still cancel it: it has not left the warehouse.</summary>
    public bool IsCancellable => Status is OrderStatus.Pending or OrderStatus.Confirmed;

    /// <summary>
    /// A new order number: UTC time to the second, then 4 random characters (<c>261125-203015-K7QD</c>), so a
    /// shopper's orders sort by time in their key, and numbers stay short enough to read out on the phone.
    /// </summary>
    public static string NewOrderId(DateTimeOffset placedAt)
    {
        const string alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"; // Crockford: no I, L, O, U
        Span<char> suffix = stackalloc char[4];
        for (var i = 0; i < suffix.Length; i++)
        {
            suffix[i] = alphabet[RandomNumberGenerator.GetInt32(alphabet.Length)];
        }
        return $"{placedAt.UtcDateTime:yyMMdd-HHmmss}-{suffix}";
    }
}
