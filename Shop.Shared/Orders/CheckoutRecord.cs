using Amazon.DynamoDBv2.Model;

namespace Shop.Shared.Orders;

/// <summary>
/// Which order a checkout's idempotency key placed: <c>CHECKOUT#&lt;key&gt;</c> under the shopper, written in the same
/// transaction as the order, so a resubmitted form (or the same form twice at once) finds that order instead of
/// placing another. DynamoDB's TTL removes it after <see cref="Lifetime"/>.
/// </summary>
public static class CheckoutRecord
{
    public const string Prefix = "CHECKOUT#";
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(1);

    public static Dictionary<string, AttributeValue> Key(string shopperId, string idempotencyKey) =>
        OrderItem.Key(shopperId, Prefix, idempotencyKey);

    public static Dictionary<string, AttributeValue> ToItem(string idempotencyKey, Order order)
    {
        var item = Key(order.ShopperId, idempotencyKey);
        item["OrderId"] = new AttributeValue { S = order.OrderId };
        item["ExpiresAt"] = OrderItem.Number((order.PlacedAt + Lifetime).ToUnixTimeSeconds());
        return item;
    }

    public static string? OrderIdOf(Dictionary<string, AttributeValue>? item) => item?.GetValueOrDefault("OrderId")?.S;
}
