using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Shop.Shared.Observability;
using Shop.Shared.Orders;
using Storefront.Catalog;
using Storefront.Shopping;
using Storefront.Site;

namespace Storefront.Checkout;

/// <summary>
/// Accepts an order at once: prices every line from the catalog, then in ONE DynamoDB transaction records the
/// idempotency key, writes the order as PENDING and counts it (the orders table's parts, <see cref="OrderStore"/>)
/// and takes the stock of every line (the catalog's, <see cref="ProductCatalog"/>). A key already recorded cancels it,
/// and the order that key placed is the answer. Then queues the order for the worker. A lost message is not lost for
/// good: the worker's sweep re-sends orders that stay PENDING. Every outcome is a business metric (<see cref="ShopMetrics"/>).
/// </summary>
public sealed class OrderPlacement(
    IAmazonDynamoDB dynamo, ProductCatalog catalog, OrderStore orders, OrderQueue queue,
    ShopMetrics metrics, TimeProvider clock, ILogger<OrderPlacement> logger)
{
    private const int MaxAttempts = 8;

    public async Task<CheckoutResult> PlaceOrderAsync(
        Shopper shopper, IReadOnlyList<RequestedLine> lines, ShippingAddress shipTo, string idempotencyKey, string correlationId,
        CancellationToken cancellationToken)
    {
        CheckoutResult result;
        try
        {
            result = await PlaceAsync(shopper, lines, shipTo, idempotencyKey, correlationId, cancellationToken);
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
        Shopper shopper, IReadOnlyList<RequestedLine> lines, ShippingAddress shipTo, string idempotencyKey, string correlationId,
        CancellationToken cancellationToken)
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
            var products = await catalog.FindManyAsync(lines.Select(l => l.ProductId), cancellationToken);
            var unknown = lines.FirstOrDefault(l => !products.ContainsKey(l.ProductId));
            var retired = unknown is null ? lines.Select(l => products[l.ProductId]).FirstOrDefault(p => !p.OnSale) : null;
            var shortage = unknown is null && retired is null ? lines.FirstOrDefault(l => products[l.ProductId].Stock < l.Quantity) : null;
            if (unknown is not null || retired is not null || shortage is not null)
            {
                // A replay of an order that took the last units must still get that order, not "sold out".
                if (await orders.FindPlacedWithKeyAsync(shopper.Id, idempotencyKey, null, cancellationToken) is { } earlier)
                {
                    return new CheckoutResult.Accepted(earlier, Replayed: true);
                }
                if (unknown is not null)
                {
                    return new CheckoutResult.Invalid([$"The product '{unknown.ProductId}' is not in our catalog."]);
                }
                if (retired is not null)
                {
                    return new CheckoutResult.Invalid([$"{retired.Name} is no longer available: remove it from your cart to check out."]);
                }
                var product = products[shortage!.ProductId];
                return new CheckoutResult.OutOfStock(product.Id, product.Name, product.Stock);
            }

            var placedAt = clock.GetUtcNow();
            var order = new Order(Order.NewOrderId(placedAt), shopper.Id, shopper.Email,
                lines.Select(l => new OrderLine(l.ProductId, products[l.ProductId].Name, products[l.ProductId].Price, l.Quantity)).ToList(),
                OrderStatus.Pending, placedAt, null, null, correlationId, shipTo);
            try
            {
                await dynamo.TransactWriteItemsAsync(new TransactWriteItemsRequest
                {
                    TransactItems = [.. orders.PlaceParts(order, idempotencyKey), .. lines.Select(l => catalog.TakeStock(products[l.ProductId], l.Quantity))],
                }, cancellationToken);
            }
            catch (TransactionCanceledException cancelled)
            {
                if (await orders.FindPlacedWithKeyAsync(shopper.Id, idempotencyKey, cancelled, cancellationToken) is { } replay)
                {
                    // This key placed an order already (a resubmit, or the same form twice at once).
                    return new CheckoutResult.Accepted(replay, Replayed: true);
                }
                // Stock or price moved since we read them, or another checkout touched the same product: read again.
                logger.LogInformation("Checkout attempt {Attempt} for {CorrelationId} cancelled ({Reasons}); retrying",
                    attempt, correlationId, string.Join(',', (cancelled.CancellationReasons ?? []).Select(r => r.Code)));
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
}
