using System.Globalization;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Microsoft.Extensions.Options;
using Shop.Shared.Aws;
using Shop.Shared.Orders;

namespace Storefront.Operations;

/// <summary>How many orders there are by status. Confirmed is what has been placed and is no longer pending.</summary>
public sealed record OrderCounts(long Placed, long Pending)
{
    /// <remarks>
    /// Never below zero: the index behind <see cref="Pending"/> lags writes by a moment, and orders placed before the
    /// counters existed are not in <see cref="Placed"/>.
    /// </remarks>
    public long Confirmed => Math.Max(0, Placed - Pending);
}

/// <summary>
/// Counts orders by status without scanning the orders table, so the operations page costs the same with ten orders
/// as with ten million:
/// <list type="bullet">
/// <item>placed: counter items in the orders table, incremented in the checkout's own transaction (so the count is
/// exact: an order and its count are written together or not at all). The count is spread over
/// <see cref="Shards"/> items picked at random, because one item written by every checkout would make concurrent
/// checkouts' transactions conflict with each other;</item>
/// <item>pending: a count over the sparse <c>PendingOrders</c> index, which holds only PENDING orders, normally a
/// handful (the sweep re-sends any that linger);</item>
/// <item>confirmed: placed − pending (orders are never deleted, and there are only these two statuses).</item>
/// </list>
/// </summary>
public sealed class OrderStatistics(IAmazonDynamoDB dynamo, IOptions<TableOptions> tables)
{
    /// <summary>Not a shopper id (those are Cognito subs), so no shopper's query ever meets these items.</summary>
    public const string CountersPartition = "#COUNTERS";
    public const int Shards = 10;
    private const string ShardPrefix = "ORDERS#";

    /// <summary>The transaction part that counts one placed order.</summary>
    public TransactWriteItem CountPlaced() => new()
    {
        Update = new Update
        {
            TableName = tables.Value.Orders,
            Key = new()
            {
                ["ShopperId"] = new AttributeValue { S = CountersPartition },
                ["SortKey"] = new AttributeValue { S = ShardPrefix + Random.Shared.Next(Shards).ToString(CultureInfo.InvariantCulture) },
            },
            UpdateExpression = "ADD Placed :one",
            ExpressionAttributeValues = new() { [":one"] = OrderItem.Number(1) },
        },
    };

    public async Task<OrderCounts> CountAsync(CancellationToken cancellationToken)
    {
        var placed = CountPlacedAsync(cancellationToken);
        var pending = CountPendingAsync(cancellationToken);
        return new OrderCounts(await placed, await pending);
    }

    private async Task<long> CountPlacedAsync(CancellationToken cancellationToken)
    {
        var shards = await dynamo.QueryAsync(new QueryRequest
        {
            TableName = tables.Value.Orders,
            KeyConditionExpression = "ShopperId = :counters AND begins_with(SortKey, :orders)",
            ExpressionAttributeValues = new()
            {
                [":counters"] = new AttributeValue { S = CountersPartition },
                [":orders"] = new AttributeValue { S = ShardPrefix },
            },
            ConsistentRead = true,
        }, cancellationToken);
        return (shards.Items ?? []).Sum(i => i.TryGetValue("Placed", out var n) ? long.Parse(n.N, CultureInfo.InvariantCulture) : 0);
    }

    private async Task<long> CountPendingAsync(CancellationToken cancellationToken)
    {
        long count = 0;
        Dictionary<string, AttributeValue>? next = null;
        do
        {
            var page = await dynamo.QueryAsync(new QueryRequest
            {
                TableName = tables.Value.Orders,
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
