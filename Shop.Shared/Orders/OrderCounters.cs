using System.Globalization;
using Amazon.DynamoDBv2.Model;

namespace Shop.Shared.Orders;

/// <summary>How many orders there are by status. Confirmed is what has been placed and is neither pending nor cancelled.</summary>
public sealed record OrderCounts(long Placed, long Pending, long Cancelled)
{
    /// <remarks>
    /// Never below zero: the index behind <see cref="Pending"/> lags writes by a moment, and orders placed before the
    /// counters existed are not in <see cref="Placed"/>.
    /// </remarks>
    public long Confirmed => Math.Max(0, Placed - Pending - Cancelled);
}

/// <summary>
/// Counter items in the orders table that count placed orders, so the operations page costs the same with ten
/// orders as with ten million. Incremented in the checkout's own transaction (an order and its count are written
/// together or not at all), spread over <see cref="Shards"/> items picked at random, because one item written by
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

    private static long Sum(IEnumerable<Dictionary<string, AttributeValue>> shards, string counter) =>
        shards.Sum(i => i.TryGetValue(counter, out var n) ? long.Parse(n.N, CultureInfo.InvariantCulture) : 0);
}
