using Amazon.DynamoDBv2.Model;

namespace Shop.Shared.Orders;

/// <summary>What an operator looks for: one shopper's orders (by email) or the orders in one status, placed within
/// <see cref="From"/>..<see cref="To"/> (inclusive, UTC), optionally narrowed to one status for an email.</summary>
public sealed record OrderSearch(string? ShopperEmail, OrderStatus? Status, DateTimeOffset From, DateTimeOffset To);

/// <summary>One line of an operator's search results.</summary>
public sealed record OrderSummary(string OrderId, string ShopperEmail, OrderStatus Status, DateTimeOffset PlacedAt, decimal Total);

/// <summary>A page of results, newest first, and where the next page starts (null on the last page). The position
/// is the index's own key, which the caller must protect before it leaves the server.</summary>
public sealed record OrderSearchPage(IReadOnlyList<OrderSummary> Orders, IReadOnlyDictionary<string, string>? Next);

public sealed partial class OrderStore
{
    /// <summary>
    /// A page of an operator's search, from an index, never a scan: by email on <c>OrdersByEmail</c> (one shopper's
    /// orders, the status, if given, filtered: a shopper has few), else by status on <c>OrdersByStatus</c>; the date
    /// range is part of either key condition (<c>PlacedAt</c>). <paramref name="after"/> is a previous page's
    /// <see cref="OrderSearchPage.Next"/>.
    /// </summary>
    public async Task<OrderSearchPage> SearchAsync(OrderSearch search, IReadOnlyDictionary<string, string>? after, int pageSize, CancellationToken cancellationToken)
    {
        var byEmail = search.ShopperEmail is not null;
        var values = new Dictionary<string, AttributeValue>
        {
            [":partition"] = byEmail ? new AttributeValue { S = search.ShopperEmail } : OrderItem.Status(search.Status ?? OrderStatus.Confirmed),
            [":from"] = OrderItem.Time(search.From),
            [":to"] = OrderItem.Time(search.To),
        };
        var request = new QueryRequest
        {
            TableName = Table,
            IndexName = byEmail ? OrderItem.OrdersByEmailIndex : OrderItem.OrdersByStatusIndex,
            KeyConditionExpression = $"{(byEmail ? "ShopperEmail" : "#status")} = :partition AND PlacedAt BETWEEN :from AND :to",
            ScanIndexForward = false,
            Limit = pageSize,
            ExclusiveStartKey = after?.ToDictionary(k => k.Key, k => new AttributeValue { S = k.Value }),
        };
        if (!byEmail || search.Status is not null)
        {
            request.ExpressionAttributeNames = new() { ["#status"] = "Status" };
        }
        if (byEmail && search.Status is { } status)
        {
            request.FilterExpression = "#status = :status";
            values[":status"] = OrderItem.Status(status);
        }
        request.ExpressionAttributeValues = values;
        var response = await dynamo.QueryAsync(request, cancellationToken);
        var orders = response.Items.Select(i => new OrderSummary(i["OrderId"].S, i["ShopperEmail"].S,
            Enum.Parse<OrderStatus>(i["Status"].S, ignoreCase: true), OrderItem.ParseTime(i["PlacedAt"])!.Value,
            decimal.Parse(i["Total"].N, System.Globalization.CultureInfo.InvariantCulture))).ToList();
        var next = response.LastEvaluatedKey is { Count: > 0 } last ? last.ToDictionary(k => k.Key, k => k.Value.S) : null;
        return new OrderSearchPage(orders, next);
    }
}
