using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Shop.Shared.Observability;
using Shop.Shared.Orders;
using Storefront.Catalog;
using Storefront.Site;

namespace Storefront.Orders;

/// <summary>
/// Cancels an order in ONE transaction: the order's part (<see cref="OrderStore.CancelParts"/>: CANCELLED only from
/// PENDING or CONFIRMED, the step in its history, the cancelled count) and the catalog's (<see
/// cref="ProductCatalog.ReturnStock"/> for every line), so the stock comes back exactly once, together with the
/// status, however many cancels race each other, the worker's confirmation or an operator. It runs in the Storefront
/// because the products table's owner lives here; the worker never cancels, but sends the cancellation email the
/// order's part records as owed (<see cref="EmailDueNotice"/>).
/// </summary>
public sealed class OrderCancellation(
    IAmazonDynamoDB dynamo, OrderStore orders, ProductCatalog catalog, EmailDueNotice emails, ShopMetrics metrics, TimeProvider clock, ILogger<OrderCancellation> logger)
{
    private const int MaxAttempts = 5;

    public async Task<CancelResult> CancelAsync(
        string shopperId, string orderId, OrderActor by, string? who, string? note, string correlationId, CancellationToken cancellationToken)
    {
        try
        {
            return await TryCancelAsync(shopperId, orderId, by, who, note, correlationId, cancellationToken);
        }
        catch (Exception e) when (DependencyOutage.Is(e) && !cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning(e, "Cancelling order {OrderId} ({CorrelationId}) could not reach DynamoDB", orderId, correlationId);
            return new CancelResult.TryAgain();
        }
    }

    private async Task<CancelResult> TryCancelAsync(
        string shopperId, string orderId, OrderActor by, string? who, string? note, string correlationId, CancellationToken cancellationToken)
    {
        for (var attempt = 1; attempt <= MaxAttempts; attempt++)
        {
            if (await orders.FindAsync(shopperId, orderId, cancellationToken) is not { } order)
            {
                return new CancelResult.NotFound();
            }
            if (!order.IsCancellable)
            {
                return new CancelResult.NotAllowed(order);
            }
            // Stock goes back only onto products still in the catalog; one removed since has no shelf to go back to.
            var products = await catalog.FindManyAsync(order.Lines.Select(l => l.ProductId), cancellationToken);
            var step = new OrderEvent(OrderStatus.Cancelled, clock.GetUtcNow(), by, who, note);
            try
            {
                await dynamo.TransactWriteItemsAsync(new TransactWriteItemsRequest
                {
                    TransactItems =
                    [
                        .. orders.CancelParts(order, step),
                        .. order.Lines.Where(l => products.ContainsKey(l.ProductId)).Select(l => catalog.ReturnStock(l.ProductId, l.Quantity)),
                    ],
                }, cancellationToken);
            }
            catch (TransactionCanceledException cancelled)
            {
                if (OrderStore.MovedOnIn(cancelled) is { } movedOn)
                {
                    logger.LogInformation("Order {OrderId} was not cancelled: it is {Status} ({CorrelationId})", orderId, movedOn.Status, correlationId);
                    return new CancelResult.NotAllowed(movedOn);
                }
                logger.LogInformation("Cancelling order {OrderId}, attempt {Attempt}, conflicted ({Reasons}); retrying",
                    orderId, attempt, string.Join(',', (cancelled.CancellationReasons ?? []).Select(r => r.Code)));
                await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(10, 40) * attempt), clock, cancellationToken);
                continue;
            }
            var result = order with { Status = OrderStatus.Cancelled, History = [.. order.Timeline, step] };
            logger.LogInformation("Order {OrderId} cancelled by the {Actor} ({CorrelationId})", orderId, by, correlationId);
            metrics.OrderCancelled(result, by, correlationId);
            await emails.SendAsync(result, OwedEmail.For(OrderStatus.Cancelled)!, correlationId, cancellationToken);
            return new CancelResult.Cancelled(result);
        }
        return new CancelResult.TryAgain();
    }
}
