using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;

namespace Shop.Shared.Orders;

/// <summary>What asking for a status change came to, with the order as it now is (null when there is no such order).</summary>
public sealed record TransitionResult(bool Done, Order? Order);

public sealed partial class OrderStore
{
    /// <summary>CONFIRMED → SHIPPED with its shipment, once (<see cref="TransitionAsync"/>); refused in any other status (the answer says which). Like
    /// every status change after confirmation, it owes the shopper an email (<see cref="OwedEmailAttributes"/>).</summary>
    public Task<TransitionResult> ShipAsync(Order order, Shipment shipment, OrderEvent shipped, CancellationToken cancellationToken)
    {
        var values = OrderHistoryList.AppendValues(shipped);
        values[":shipment"] = OrderItem.ToMap(shipment);
        return TransitionAsync(order, OrderStatus.Confirmed, shipped, "Shipment = :shipment", values, cancellationToken);
    }

    /// <summary>SHIPPED → DELIVERED, once.</summary>
    public Task<TransitionResult> DeliverAsync(Order order, OrderEvent delivered, CancellationToken cancellationToken) =>
        TransitionAsync(order, OrderStatus.Shipped, delivered, null, OrderHistoryList.AppendValues(delivered), cancellationToken);

    /// <summary>
    /// One status change in one transaction: the order (conditional on <paramref name="from"/>, its step appended,
    /// its email owed) and the counters (one order moved from the old status's count to the new). The order's part
    /// comes first, so a failed condition answers with the order as it was; a conflict on a counter item is tried
    /// again, on another shard.
    /// </summary>
    private async Task<TransitionResult> TransitionAsync(Order order, OrderStatus from, OrderEvent step, string? alsoSet,
        Dictionary<string, AttributeValue> values, CancellationToken cancellationToken)
    {
        values[":from"] = OrderItem.Status(from);
        values[":to"] = OrderItem.Status(step.Status);
        OwedEmailAttributes.Owe(values, OwedEmail.For(step.Status)!, step.At);
        var change = new Update
        {
            TableName = Table,
            Key = OrderItem.Key(order.ShopperId, order.OrderId),
            UpdateExpression = $"SET #status = :to, {OrderHistoryList.AppendExpression}, {OwedEmailAttributes.SetExpression}{(alsoSet is null ? "" : ", " + alsoSet)} ADD {OwedEmailAttributes.AddExpression}",
            ConditionExpression = "attribute_exists(SortKey) AND #status = :from",
            ExpressionAttributeNames = new() { ["#status"] = "Status" },
            ExpressionAttributeValues = values,
            ReturnValuesOnConditionCheckFailure = ReturnValuesOnConditionCheckFailure.ALL_OLD,
        };
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await dynamo.TransactWriteItemsAsync(new TransactWriteItemsRequest
                {
                    TransactItems = [new() { Update = change }, new() { Update = OrderCounters.Move(Table, from, step.Status) }],
                }, cancellationToken);
                return new TransitionResult(true, await FindAsync(order.ShopperId, order.OrderId, cancellationToken));
            }
            catch (TransactionCanceledException cancelled) when (cancelled.CancellationReasons?.FirstOrDefault()?.Code == "ConditionalCheckFailed")
            {
                return new TransitionResult(false, MovedOnIn(cancelled));
            }
            catch (TransactionCanceledException) when (attempt < MaxTransitionAttempts)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(10, 40) * attempt), clock, cancellationToken);
            }
        }
    }

    /// <summary>Tries of a status change whose transaction conflicts with another on the same items.</summary>
    private const int MaxTransitionAttempts = 5;
}
