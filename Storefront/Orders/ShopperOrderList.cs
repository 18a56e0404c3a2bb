using Shop.Shared.Orders;

namespace Storefront.Orders;

/// <summary>What asking for a page of one's orders came to.</summary>
public abstract record OrderListResult
{
    /// <summary>The orders, newest first, and the cursor of the next page (null on the last).</summary>
    public sealed record Page(IReadOnlyList<Order> Orders, string? Next) : OrderListResult;

    /// <summary>The status is not one of the order statuses.</summary>
    public sealed record UnknownStatus : OrderListResult;

    /// <summary>The cursor was not made by this shop for this list (edited, forged, another shopper's or filter's).</summary>
    public sealed record BadCursor : OrderListResult;
}

/// <summary>
/// All of a shopper's orders a page at a time, optionally in one status, for <c>/orders</c> and <c>GET /api/orders</c>
/// alike. The cursor is bound to the shopper and the status (<see cref="PageCursor"/>), so it can be used for nothing
/// else.
/// </summary>
public sealed class ShopperOrderList(OrderStore orders, PageCursor cursors)
{
    public const int PageSize = 20;

    /// <summary>The status as a query string writes it (any case): <c>shipped</c>, <c>CANCELLED</c>, …</summary>
    public static OrderStatus? StatusNamed(string? text) =>
        Enum.GetValues<OrderStatus>().Where(s => string.Equals(s.ToString(), text, StringComparison.OrdinalIgnoreCase)).Cast<OrderStatus?>().FirstOrDefault();

    public async Task<OrderListResult> PageAsync(string shopperId, string? status, string? cursor, CancellationToken cancellationToken)
    {
        OrderStatus? wanted = null;
        if (!string.IsNullOrEmpty(status) && (wanted = StatusNamed(status)) is null)
        {
            return new OrderListResult.UnknownStatus();
        }
        var list = $"shopper|{shopperId}|{wanted}";
        IReadOnlyDictionary<string, string>? after = null;
        if (!string.IsNullOrEmpty(cursor) && (after = cursors.Read(cursor, list)) is null)
        {
            return new OrderListResult.BadCursor();
        }
        var (page, next) = await orders.PageForShopperAsync(shopperId, wanted, after, PageSize, cancellationToken);
        return new OrderListResult.Page(page, next is null ? null : cursors.Write(list, next));
    }
}
