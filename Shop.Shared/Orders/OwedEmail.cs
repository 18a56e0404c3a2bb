using System.Globalization;

namespace Shop.Shared.Orders;

/// <summary>
/// One email the shop owes a shopper about an order, named by the status it tells of: the one a status change owes
/// (<c>SHIPPED</c>, <c>DELIVERED</c>, <c>CANCELLED</c>: an order reaches each status once, so its status names the
/// email), or an operator's resend of the latest email (<c>SHIPPED#4</c>: numbered by the history step that records
/// the resend, so each click owes an email of its own).
/// </summary>
public sealed record OwedEmail(OrderStatus Status, int? ResendStep = null)
{
    /// <summary>The email a status change owes; none for PENDING or CONFIRMED (the confirmation has its own flow).</summary>
    public static OwedEmail? For(OrderStatus status) =>
        status is OrderStatus.Shipped or OrderStatus.Delivered or OrderStatus.Cancelled ? new OwedEmail(status) : null;

    public string Id => ResendStep is { } step ? $"{OrderItem.StatusText(Status)}#{step.ToString(CultureInfo.InvariantCulture)}" : OrderItem.StatusText(Status);

    public static bool TryParse(string? id, out OwedEmail? email)
    {
        email = null;
        var parts = (id ?? "").Split('#');
        if (parts.Length > 2 || !Enum.TryParse<OrderStatus>(parts[0], ignoreCase: true, out var status) || parts[0] != OrderItem.StatusText(status)
            || status == OrderStatus.Pending)
        {
            return false;
        }
        if (parts.Length == 1)
        {
            email = For(status);
            return email is not null;
        }
        if (!int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var step))
        {
            return false;
        }
        email = new OwedEmail(status, step);
        return true;
    }
}
