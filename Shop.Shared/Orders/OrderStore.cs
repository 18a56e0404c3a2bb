using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Microsoft.Extensions.Options;
using Shop.Shared.Aws;

namespace Shop.Shared.Orders;

/// <summary>
/// The orders table: the only code that reads or writes it, for both functions. The Storefront places orders
/// (<c>OrderStore.Placing</c>), shows a shopper their own and counts them (<c>OrderStore.Counting</c>); the worker
/// confirms them and records their email (<c>OrderStore.Confirming</c>) and finds the stuck ones. Every read of an
/// order names its shopper (see <see cref="OrderItem"/>).
/// </summary>
public sealed partial class OrderStore(IAmazonDynamoDB dynamo, IOptions<TableOptions> tables, TimeProvider clock)
{
    private string Table => tables.Value.Orders;

    public async Task<Order?> FindAsync(string shopperId, string orderId, CancellationToken cancellationToken)
    {
        var response = await dynamo.GetItemAsync(new GetItemRequest
        {
            TableName = Table,
            Key = OrderItem.Key(shopperId, orderId),
            ConsistentRead = true,
        }, cancellationToken);
        return response.IsItemSet ? OrderItem.FromItem(response.Item) : null;
    }

    /// <summary>
    /// An order by its number alone, for operators: the keys-only <c>OrdersByNumber</c> index gives its shopper, then
    /// the order is read as always, strongly consistent. (A checkout record carries the number too; it has the same
    /// shopper.)
    /// </summary>
    public async Task<Order?> FindByNumberAsync(string orderId, CancellationToken cancellationToken)
    {
        var keys = await dynamo.QueryAsync(new QueryRequest
        {
            TableName = Table,
            IndexName = OrderItem.OrdersByNumberIndex,
            KeyConditionExpression = "OrderId = :orderId",
            ExpressionAttributeValues = new() { [":orderId"] = new AttributeValue { S = orderId } },
            Limit = 2,
        }, cancellationToken);
        return keys.Items is [var first, ..] ? await FindAsync(first["ShopperId"].S, orderId, cancellationToken) : null;
    }

    /// <summary>
    /// A page of the shopper's orders, newest first, only those in <paramref name="status"/> if given (a filter on
    /// the shopper's own items, which are few), and where the next page starts (null on the last). It reads until the
    /// page is full or the shopper's orders end, so a filtered page is short only at the end. <paramref name="after"/>
    /// is a previous page's position, which the caller must have kept from tampering.
    /// </summary>
    public async Task<(IReadOnlyList<Order> Orders, IReadOnlyDictionary<string, string>? Next)> PageForShopperAsync(
        string shopperId, OrderStatus? status, IReadOnlyDictionary<string, string>? after, int pageSize, CancellationToken cancellationToken)
    {
        var page = new List<Order>();
        var start = after?.ToDictionary(k => k.Key, k => new AttributeValue { S = k.Value });
        do
        {
            var request = NewestOrdersOf(shopperId, pageSize - page.Count);
            request.ExclusiveStartKey = start;
            if (status is { } wanted)
            {
                request.FilterExpression = "#status = :status";
                request.ExpressionAttributeNames = new() { ["#status"] = "Status" };
                request.ExpressionAttributeValues[":status"] = OrderItem.Status(wanted);
            }
            var response = await dynamo.QueryAsync(request, cancellationToken);
            page.AddRange(response.Items.Select(OrderItem.FromItem));
            start = response.LastEvaluatedKey is { Count: > 0 } last ? last : null;
        }
        while (start is not null && page.Count < pageSize);
        return (page, start?.ToDictionary(k => k.Key, k => k.Value.S));
    }

    /// <summary>
    /// Where the shopper's latest order went, to prefill their next checkout: the newest order item's <c>ShippingAddress</c>
    /// only (one small read). Null for a first order, or when the latest was placed before checkout asked for one.
    /// </summary>
    public async Task<ShippingAddress?> LastShippingAddressAsync(string shopperId, CancellationToken cancellationToken)
    {
        var request = NewestOrdersOf(shopperId, limit: 1);
        request.ProjectionExpression = "ShippingAddress";
        var response = await dynamo.QueryAsync(request, cancellationToken);
        return response.Items is [var latest] ? OrderItem.ShipToOf(latest) : null;
    }

    /// <summary>A shopper's order items, newest first (order ids sort by time).</summary>
    private QueryRequest NewestOrdersOf(string shopperId, int limit) => new()
    {
        TableName = Table,
        KeyConditionExpression = "ShopperId = :shopper AND begins_with(SortKey, :orders)",
        ExpressionAttributeValues = new()
        {
            [":shopper"] = new AttributeValue { S = shopperId },
            [":orders"] = new AttributeValue { S = OrderItem.OrderPrefix },
        },
        ScanIndexForward = false,
        Limit = limit,
    };
}
