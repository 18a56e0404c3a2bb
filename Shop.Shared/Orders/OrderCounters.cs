using System.Globalization;
using Amazon.DynamoDBv2.Model;

namespace Shop.Shared.Orders;

/// <summary>How many orders there are by status. Confirmed is what has been placed and is in no other status.</summary>
public sealed record OrderCounts(long Placed, long Pending, long Cancelled, long Shipped = 0, long Delivered = 0)
{
    /// <remarks>
    /// Never below zero: the index behind <see cref="Pending"/> lags writes by a moment, and orders placed before the
    /// counters existed are not in <see cref="Placed"/>.
    /// </remarks>
    public long Confirmed => Math.Max(0, Placed - Pending - Cancelled - Shipped - Delivered);
}

/// <summary>
/// Counter items in the orders table that count placed orders and those in each later status (shipped, delivered,
/// cancelled), so the operations page costs the same with ten orders as with ten million. Each is changed in the
/// transaction of the change it counts (an order and its count are written together or not at all), spread over <see cref="Shards"/> items picked at random, because one item written by
/// every checkout would make concurrent checkouts' transactions conflict with each other.
/// </summary>
public static class OrderCounters
{
    /// <summary>Not a shopper id (those are Cognito subs), so no shopper's query ever meets these items.</summary>
    public const string Partition = "#COUNTERS";
    public const string ShardPrefix = "ORDERS#";
    public const int Shards = 10;

    public static Dictionary<string, AttributeValue> RandomShard() =>
        OrderItem.Key(Partition, ShardPrefix, Random.Shared.Next(Shards).ToString(CultureInfo.InvariantCulture));

    public static long PlacedIn(IEnumerable<Dictionary<string, AttributeValue>> shards) => Sum(shards, "Placed");

    /// <summary>Orders cancelled: added to in the cancellation's own transaction, like <see cref="PlacedIn"/>.</summary>
    public static long CancelledIn(IEnumerable<Dictionary<string, AttributeValue>> shards) => Sum(shards, "Cancelled");

    /// <summary>Orders now SHIPPED: one more in the shipping's transaction, one fewer in the delivery's.</summary>
    public static long ShippedIn(IEnumerable<Dictionary<string, AttributeValue>> shards) => Sum(shards, "Shipped");

    public static long DeliveredIn(IEnumerable<Dictionary<string, AttributeValue>> shards) => Sum(shards, "Delivered");

    /// <summary>A counter item's update that moves one order from <paramref name="from"/> to <paramref name="to"/>
    /// (PENDING and CONFIRMED are not counted here: the index counts one, the other is what is left), for a status
    /// change's transaction.</summary>
    public static Update Move(string table, OrderStatus from, OrderStatus to)
    {
        var values = new Dictionary<string, AttributeValue> { [":one"] = OrderItem.Number(1) };
        var adds = new List<string> { $"{Counter(to) ?? throw new ArgumentOutOfRangeException(nameof(to), to, "Not counted here.")} :one" };
        if (Counter(from) is { } previous)
        {
            adds.Add($"{previous} :minusOne");
            values[":minusOne"] = OrderItem.Number(-1);
        }
        return new Update { TableName = table, Key = RandomShard(), UpdateExpression = "ADD " + string.Join(", ", adds), ExpressionAttributeValues = values };
    }

    private static string? Counter(OrderStatus status) => status switch
    {
        OrderStatus.Shipped => "Shipped",
        OrderStatus.Delivered => "Delivered",
        OrderStatus.Cancelled => "Cancelled",
        _ => null,
    };

    private static long Sum(IEnumerable<Dictionary<string, AttributeValue>> shards, string counter) =>
        shards.Sum(i => i.TryGetValue(counter, out var n) ? long.Parse(n.N, CultureInfo.InvariantCulture) : 0);
}
