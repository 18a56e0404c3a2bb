using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using LocalDev.LocalAws;
using Microsoft.Extensions.Options;
using Shop.Shared.Aws;
using Shop.Shared.Orders;

namespace Bench.Pipeline;

/// <summary>When an order was placed and confirmed, as the Storefront and the worker wrote it (one clock: this machine).</summary>
public sealed record OrderTimes(string OrderId, DateTimeOffset PlacedAt, DateTimeOffset? ConfirmedAt)
{
    public double? ConfirmationMs => (ConfirmedAt - PlacedAt)?.TotalMilliseconds;
}

/// <summary>
/// Reads the orders table the way an operator would: how many orders are still pending (as the operations page
/// counts them, through the orders module), and the placed/confirmed times of given orders.
/// </summary>
public sealed class OrderLedger : IDisposable
{
    private const string Table = "OrdersTable";
    private readonly IAmazonDynamoDB _dynamo;
    private readonly OrderStore _orders;

    public OrderLedger(LocalStackNames names)
    {
        _dynamo = names.DynamoDb();
        _orders = new OrderStore(_dynamo, Options.Create(new TableOptions { Orders = Table }), TimeProvider.System);
    }

    public async Task<long> PendingAsync() => (await _orders.CountAsync(CancellationToken.None)).Pending;

    /// <summary>Waits, checking once a second (each check is work for DynamoDB Local too), until none is pending.</summary>
    public async Task<bool> WaitUntilNonePendingAsync(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (await PendingAsync() == 0)
            {
                return true;
            }
            await Task.Delay(TimeSpan.FromSeconds(1));
        }
        return false;
    }

    /// <summary>The times of <paramref name="orderIds"/> (one scan of the orders; the bench knows ids, not shoppers).</summary>
    public async Task<IReadOnlyList<OrderTimes>> TimesAsync(IReadOnlyCollection<string> orderIds)
    {
        var wanted = orderIds.ToHashSet(StringComparer.Ordinal);
        var found = new List<OrderTimes>();
        Dictionary<string, AttributeValue>? start = null;
        do
        {
            var page = await _dynamo.ScanAsync(new ScanRequest
            {
                TableName = Table,
                FilterExpression = "begins_with(SortKey, :orders)",
                ExpressionAttributeValues = new() { [":orders"] = new AttributeValue { S = OrderItem.OrderPrefix } },
                ProjectionExpression = "OrderId, PlacedAt, ConfirmedAt",
                ExclusiveStartKey = start,
            });
            found.AddRange(page.Items.Where(i => wanted.Contains(i["OrderId"].S)).Select(i => new OrderTimes(
                i["OrderId"].S, DateTimeOffset.Parse(i["PlacedAt"].S, System.Globalization.CultureInfo.InvariantCulture),
                i.TryGetValue("ConfirmedAt", out var confirmed) ? DateTimeOffset.Parse(confirmed.S, System.Globalization.CultureInfo.InvariantCulture) : null)));
            start = page.LastEvaluatedKey is { Count: > 0 } ? page.LastEvaluatedKey : null;
        } while (start is not null);
        return found;
    }

    public void Dispose() => _dynamo.Dispose();
}
