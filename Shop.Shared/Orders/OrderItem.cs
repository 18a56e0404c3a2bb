using System.Globalization;
using Amazon.DynamoDBv2.Model;

namespace Shop.Shared.Orders;

/// <summary>
/// How an order is laid out in the orders table. Key: <c>ShopperId</c> (HASH) + <c>SortKey</c> (RANGE), so every read
/// of an order names its shopper. <c>ORDER#&lt;orderId&gt;</c> items are orders; the same table holds the checkout's
/// idempotency records (<see cref="CheckoutRecord"/>) and the order counters (<see cref="OrderCounters"/>).
/// <c>AwaitingConfirmation</c> exists only while an order is PENDING, which keeps the <c>PendingOrders</c> index small.
/// Only the orders module (<see cref="OrderStore"/> and these layouts) names the table's attributes.
/// </summary>
public static class OrderItem
{
    public const string PendingOrdersIndex = "PendingOrders";

    /// <summary>Order number → its key, for operators, who know the number but not the shopper (keys only).</summary>
    public const string OrdersByNumberIndex = "OrdersByNumber";
    public const string OrderPrefix = "ORDER#";

    /// <summary>A shopper's orders by email and time, for operators who know the shopper's email but not their id.</summary>
    public const string OrdersByEmailIndex = "OrdersByEmail";

    /// <summary>Orders in one status by time, for operators' lists ("confirmed, to ship").</summary>
    public const string OrdersByStatusIndex = "OrdersByStatus";

    /// <summary>Orders that owe their shopper an email, for the worker's sweep (sparse: see <see cref="OwedEmailAttributes"/>).</summary>
    public const string OrdersOwedEmailIndex = "OrdersOwedEmail";

    public static Dictionary<string, AttributeValue> Key(string shopperId, string orderId) => Key(shopperId, OrderPrefix, orderId);

    /// <summary>An item of the table: a partition (a shopper, or the counters) and a sort key of a kind and an id.</summary>
    internal static Dictionary<string, AttributeValue> Key(string partition, string kind, string id) => new()
    {
        ["ShopperId"] = new AttributeValue { S = partition },
        ["SortKey"] = new AttributeValue { S = kind + id },
    };

    public static Dictionary<string, AttributeValue> ToItem(Order order)
    {
        var item = Key(order.ShopperId, order.OrderId);
        item["OrderId"] = new AttributeValue { S = order.OrderId };
        item["ShopperEmail"] = new AttributeValue { S = order.ShopperEmail };
        item["Lines"] = new AttributeValue
        {
            L = order.Lines.Select(l => new AttributeValue
            {
                M = new()
                {
                    ["ProductId"] = new AttributeValue { S = l.ProductId },
                    ["Name"] = new AttributeValue { S = l.Name },
                    ["UnitPrice"] = Number(l.UnitPrice),
                    ["Quantity"] = Number(l.Quantity),
                },
            }).ToList(),
        };
        item["Total"] = Number(order.Total);
        item["Status"] = new AttributeValue { S = StatusText(order.Status) };
        item[OrderHistoryList.Attribute] = OrderHistoryList.ToList(order.Timeline);
        item["PlacedAt"] = Time(order.PlacedAt);
        item["CorrelationId"] = new AttributeValue { S = order.CorrelationId };
        if (order.ShipTo is { } address)
        {
            item["ShippingAddress"] = ShippingAddressMap.ToMap(address);
        }
        if (order.Status == OrderStatus.Pending)
        {
            item["AwaitingConfirmation"] = new AttributeValue { S = "PENDING" };
        }
        return item;
    }

    public static Order FromItem(Dictionary<string, AttributeValue> item) => new(
        OrderId: item["OrderId"].S,
        ShopperId: item["ShopperId"].S,
        ShopperEmail: item["ShopperEmail"].S,
        Lines: item["Lines"].L.Select(l => new OrderLine(
            l.M["ProductId"].S,
            l.M["Name"].S,
            decimal.Parse(l.M["UnitPrice"].N, CultureInfo.InvariantCulture),
            int.Parse(l.M["Quantity"].N, CultureInfo.InvariantCulture))).ToList(),
        Status: Enum.Parse<OrderStatus>(item["Status"].S, ignoreCase: true),
        PlacedAt: ParseTime(item["PlacedAt"])!.Value,
        ConfirmedAt: ParseTime(item.GetValueOrDefault("ConfirmedAt")),
        EmailSentAt: ParseTime(item.GetValueOrDefault("EmailSentAt")),
        CorrelationId: item["CorrelationId"].S,
        ShipTo: ShipToOf(item),
        History: OrderHistoryList.FromItem(item),
        Shipment: item.GetValueOrDefault("Shipment") is { M: { Count: > 0 } shipment }
            ? new Shipment(shipment["Carrier"].S, shipment["TrackingNumber"].S, shipment.GetValueOrDefault("TrackingUrl")?.S)
            : null);

    public static AttributeValue ToMap(Shipment shipment)
    {
        var map = new Dictionary<string, AttributeValue>
        {
            ["Carrier"] = new AttributeValue { S = shipment.Carrier },
            ["TrackingNumber"] = new AttributeValue { S = shipment.TrackingNumber },
        };
        if (shipment.TrackingUrl is { } url) map["TrackingUrl"] = new AttributeValue { S = url };
        return new AttributeValue { M = map };
    }

    /// <summary>A status as the table stores it: <c>PENDING</c>, <c>CONFIRMED</c>, …</summary>
    public static string StatusText(OrderStatus status) => status.ToString().ToUpperInvariant();

    public static AttributeValue Status(OrderStatus status) => new() { S = StatusText(status) };

    public static ShippingAddress? ShipToOf(Dictionary<string, AttributeValue> item) =>
        item.GetValueOrDefault("ShippingAddress") is { M: { Count: > 0 } map } ? ShippingAddressMap.FromMap(map) : null;

    public static AttributeValue Number(decimal value) => new() { N = value.ToString(CultureInfo.InvariantCulture) };

    public static AttributeValue Number(long value) => new() { N = value.ToString(CultureInfo.InvariantCulture) };

    /// <summary>ISO 8601 UTC, which sorts as text in the same order as in time.</summary>
    public static AttributeValue Time(DateTimeOffset value) => new() { S = value.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture) };

    internal static DateTimeOffset? ParseTime(AttributeValue? value) =>
        value?.S is { } text ? DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal) : null;
}
