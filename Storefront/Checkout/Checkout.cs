using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Microsoft.Extensions.Options;
using Shop.Shared.Aws;
using Shop.Shared.Observability;
using Shop.Shared.Orders;
using Storefront.Operations;
using Storefront.Security;

namespace Storefront.Checkout;

/// <summary>
/// Accepts an order at once: prices every line from the catalog, then in ONE DynamoDB transaction records the
/// idempotency key (a key already recorded cancels it, and the order that key placed is the answer), writes the
/// order as PENDING, takes the stock of every line and counts the order (for the operations page). Then queues the
/// order for the worker. A lost message is not lost for good: the worker's sweep
/// re-sends orders that stay PENDING. Every outcome is a business metric (<see cref="ShopMetrics"/>).
/// </summary>
public sealed class Checkout(
    IAmazonDynamoDB dynamo, StockReservation stock, OrderStore orders, OrderQueue queue, IOptions<TableOptions> tables,
    OrderStatistics statistics, ShopMetrics metrics, TimeProvider clock, ILogger<Checkout> logger)
{
    private const int MaxAttempts = 8;
    private static readonly TimeSpan IdempotencyWindow = TimeSpan.FromDays(1);

    public async Task<CheckoutResult> PlaceOrderAsync(
        Shopper shopper, IReadOnlyList<RequestedLine> lines, string idempotencyKey, string correlationId, CancellationToken cancellationToken)
    {
        CheckoutResult result;
        try
        {
            result = await PlaceAsync(shopper, lines, idempotencyKey, correlationId, cancellationToken);
        }
        catch (Exception e) when (DependencyOutage.Is(e) && !cancellationToken.IsCancellationRequested)
        {
            // The transaction is all or nothing, and the shopper retries with the same key: never two orders.
            logger.LogWarning(e, "Checkout {CorrelationId} could not reach DynamoDB; the shopper is asked to try again", correlationId);
            result = new CheckoutResult.TryAgain("DynamoDB is unavailable.");
        }
        switch (result)
        {
            case CheckoutResult.Accepted { Replayed: false } accepted:
                metrics.OrderPlaced(accepted.Order);
                break;
            case CheckoutResult.Accepted:
                break; // A replay placed nothing new.
            default:
                metrics.CheckoutRejected(result.GetType().Name, correlationId);
                break;
        }
        return result;
    }

    private async Task<CheckoutResult> PlaceAsync(
        Shopper shopper, IReadOnlyList<RequestedLine> lines, string idempotencyKey, string correlationId, CancellationToken cancellationToken)
    {
        // No read of the idempotency record first: the transaction's condition on it finds a replay, so a new order
        // (nearly every submit) costs one round trip less.
        var errors = CheckoutRules.Check(lines);
        if (errors.Count > 0)
        {
            return new CheckoutResult.Invalid(errors);
        }

        for (var attempt = 1; attempt <= MaxAttempts; attempt++)
        {
            var products = await stock.ReadAsync(lines.Select(l => l.ProductId), cancellationToken);
            var unknown = lines.FirstOrDefault(l => !products.ContainsKey(l.ProductId));
            var shortage = unknown is null ? lines.FirstOrDefault(l => products[l.ProductId].Stock < l.Quantity) : null;
            if (unknown is not null || shortage is not null)
            {
                // A replay of an order that took the last units must still get that order, not "sold out".
                if (await FindReplayAsync(shopper, idempotencyKey, null, cancellationToken) is { } earlier)
                {
                    return earlier;
                }
                if (unknown is not null)
                {
                    return new CheckoutResult.Invalid([$"The product '{unknown.ProductId}' is not in our catalog."]);
                }
                var product = products[shortage!.ProductId];
                return new CheckoutResult.OutOfStock(product.ProductId, product.Name, product.Stock);
            }

            var placedAt = clock.GetUtcNow();
            var order = new Order(Order.NewOrderId(placedAt), shopper.Id, shopper.Email,
                lines.Select(l => new OrderLine(l.ProductId, products[l.ProductId].Name, products[l.ProductId].Price, l.Quantity)).ToList(),
                OrderStatus.Pending, placedAt, null, null, correlationId);
            try
            {
                await dynamo.TransactWriteItemsAsync(new TransactWriteItemsRequest
                {
                    TransactItems = [RememberKey(shopper, idempotencyKey, order), WriteOrder(order),
                        .. lines.Select(l => stock.Take(products[l.ProductId], l.Quantity)), statistics.CountPlaced()],
                }, cancellationToken);
            }
            catch (TransactionCanceledException cancelled)
            {
                var reasons = cancelled.CancellationReasons ?? [];
                if (reasons.FirstOrDefault() is { Code: "ConditionalCheckFailed" } keyTaken
                    && await FindReplayAsync(shopper, idempotencyKey, keyTaken.Item, cancellationToken) is { } replay)
                {
                    return replay; // This key placed an order already (a resubmit, or the same form twice at once).
                }
                // Stock or price moved since we read them, or another checkout touched the same product: read again.
                logger.LogInformation("Checkout attempt {Attempt} for {CorrelationId} cancelled ({Reasons}); retrying",
                    attempt, correlationId, string.Join(',', reasons.Select(r => r.Code)));
                await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(10, 40) * attempt), clock, cancellationToken);
                continue;
            }

            await QueueAsync(order, cancellationToken);
            return new CheckoutResult.Accepted(order, Replayed: false);
        }
        return new CheckoutResult.TryAgain("Many shoppers are ordering the same products right now.");
    }

    private async Task QueueAsync(Order order, CancellationToken cancellationToken)
    {
        try
        {
            await queue.SendAsync(new OrderPlaced(order.OrderId, order.ShopperId, order.PlacedAt), order.CorrelationId, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The order is written and the shopper gets its number; the worker's sweep sends the message later.
            logger.LogError(e, "Order {OrderId} accepted but not queued; the sweep will queue it", order.OrderId);
        }
    }

    /// <summary>The order this idempotency key placed, if any: from <paramref name="remembered"/> (the key's record
    /// as a failed condition returned it) or else read.</summary>
    private async Task<CheckoutResult?> FindReplayAsync(
        Shopper shopper, string idempotencyKey, Dictionary<string, AttributeValue>? remembered, CancellationToken cancellationToken)
    {
        if (remembered is not { Count: > 0 })
        {
            remembered = (await dynamo.GetItemAsync(new GetItemRequest
            {
                TableName = tables.Value.Orders,
                Key = OrderItem.CheckoutKey(shopper.Id, idempotencyKey),
                ConsistentRead = true,
            }, cancellationToken)).Item;
        }
        if (remembered?.GetValueOrDefault("OrderId")?.S is not { } orderId)
        {
            return null;
        }
        var order = await orders.FindAsync(shopper.Id, orderId, cancellationToken);
        return order is null ? null : new CheckoutResult.Accepted(order, Replayed: true);
    }

    private TransactWriteItem RememberKey(Shopper shopper, string idempotencyKey, Order order)
    {
        var item = OrderItem.CheckoutKey(shopper.Id, idempotencyKey);
        item["OrderId"] = new AttributeValue { S = order.OrderId };
        item["ExpiresAt"] = OrderItem.Number((order.PlacedAt + IdempotencyWindow).ToUnixTimeSeconds());
        return new TransactWriteItem
        {
            Put = new Put
            {
                TableName = tables.Value.Orders, Item = item, ConditionExpression = "attribute_not_exists(SortKey)",
                ReturnValuesOnConditionCheckFailure = ReturnValuesOnConditionCheckFailure.ALL_OLD,
            },
        };
    }

    private TransactWriteItem WriteOrder(Order order) => new()
    {
        Put = new Put { TableName = tables.Value.Orders, Item = OrderItem.ToItem(order), ConditionExpression = "attribute_not_exists(SortKey)" },
    };
}
