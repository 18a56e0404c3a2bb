using System.Security.Cryptography;

namespace Shop.Shared.Orders;

public enum OrderStatus
{
    Pending,
    Confirmed,
}

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
    ShippingAddress? ShipTo = null)
{
    public decimal Total => Lines.Sum(l => l.LineTotal);

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
