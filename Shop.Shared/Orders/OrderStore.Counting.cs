using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;

namespace Shop.Shared.Orders;

/// <summary>An order still waiting for confirmation, as the sweep needs it to send its message again.</summary>
public sealed record PendingOrder(OrderPlaced Message, string CorrelationId);

public sealed partial class OrderStore
{
    /// <summary>
    /// Orders by status without scanning the table: placed, cancelled, shipped and delivered from the counters (<see
    /// cref="OrderCounters"/>), pending from the sparse <c>PendingOrders</c> index, which holds only PENDING orders,
    /// normally a handful (the sweep re-sends any that linger); confirmed is the rest (orders are never deleted; the
    /// worker's confirmation does not write the counters, which its role may not touch).
    /// </summary>
    public async Task<OrderCounts> CountAsync(CancellationToken cancellationToken)
    {
        var shards = ReadCountersAsync(cancellationToken);
        var pending = CountPendingAsync(cancellationToken);
        var counters = await shards;
        return new OrderCounts(OrderCounters.PlacedIn(counters), await pending, OrderCounters.CancelledIn(counters),
            OrderCounters.ShippedIn(counters), OrderCounters.DeliveredIn(counters));
    }

    /// <summary>Orders still PENDING that were placed before <paramref name="cutoff"/>, oldest first (from the sparse index).</summary>
    public async Task<IReadOnlyList<PendingOrder>> ListPendingPlacedBeforeAsync(DateTimeOffset cutoff, int limit, CancellationToken cancellationToken)
    {
        var response = await dynamo.QueryAsync(new QueryRequest
        {
            TableName = Table,
            IndexName = OrderItem.PendingOrdersIndex,
            KeyConditionExpression = "AwaitingConfirmation = :pending AND PlacedAt < :cutoff",
            ExpressionAttributeValues = new()
            {
                [":pending"] = new AttributeValue { S = "PENDING" },
                [":cutoff"] = OrderItem.Time(cutoff),
            },
            Limit = limit,
        }, cancellationToken);
        return response.Items.Select(i => new PendingOrder(
            new OrderPlaced(i["OrderId"].S, i["ShopperId"].S, DateTimeOffset.Parse(i["PlacedAt"].S, System.Globalization.CultureInfo.InvariantCulture)),
            i["CorrelationId"].S)).ToList();
    }

    private async Task<IReadOnlyList<Dictionary<string, AttributeValue>>> ReadCountersAsync(CancellationToken cancellationToken)
    {
        var shards = await dynamo.QueryAsync(new QueryRequest
        {
            TableName = Table,
            KeyConditionExpression = "ShopperId = :counters AND begins_with(SortKey, :orders)",
            ExpressionAttributeValues = new()
            {
                [":counters"] = new AttributeValue { S = OrderCounters.Partition },
                [":orders"] = new AttributeValue { S = OrderCounters.ShardPrefix },
            },
            ConsistentRead = true,
        }, cancellationToken);
        return shards.Items ?? [];
    }

    private async Task<long> CountPendingAsync(CancellationToken cancellationToken)
    {
        long count = 0;
        Dictionary<string, AttributeValue>? next = null;
        do
        {
            var page = await dynamo.QueryAsync(new QueryRequest
            {
                TableName = Table,
                IndexName = OrderItem.PendingOrdersIndex,
                KeyConditionExpression = "AwaitingConfirmation = :pending",
                ExpressionAttributeValues = new() { [":pending"] = new AttributeValue { S = "PENDING" } },
                Select = Select.COUNT,
                ExclusiveStartKey = next,
            }, cancellationToken);
            count += page.Count ?? 0;
            next = page.LastEvaluatedKey is { Count: > 0 } last ? last : null;
        }
        while (next is not null);
        return count;
    }
}
