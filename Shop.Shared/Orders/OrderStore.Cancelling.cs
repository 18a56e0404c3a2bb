using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;

namespace Shop.Shared.Orders;

public sealed partial class OrderStore
{
    /// <summary>
    /// The orders table's parts of a cancellation, for a transaction that also gives the stock back (the products
    /// table's parts): the order becomes CANCELLED only if it is still PENDING or CONFIRMED, with the step appended to
    /// its history, owing the shopper the cancellation email, and leaves the pending index; and one more on the
    /// cancelled counter. The order's part comes
    /// first, so the transaction's first cancellation reason says whether the order had moved on (with the order as
    /// it was); whatever the other parts do, the stock comes back exactly when the status changes, so exactly once.
    /// </summary>
    public IReadOnlyList<TransactWriteItem> CancelParts(Order order, OrderEvent cancelled)
    {
        var values = OwedEmailAttributes.Owe(OrderHistoryList.AppendValues(cancelled), OwedEmail.For(OrderStatus.Cancelled)!, cancelled.At);
        values[":cancelled"] = OrderItem.Status(OrderStatus.Cancelled);
        values[":pending"] = OrderItem.Status(OrderStatus.Pending);
        values[":confirmed"] = OrderItem.Status(OrderStatus.Confirmed);
        return
        [
            new()
            {
                Update = new Update
                {
                    TableName = Table,
                    Key = OrderItem.Key(order.ShopperId, order.OrderId),
                    UpdateExpression = $"SET #status = :cancelled, {OrderHistoryList.AppendExpression}, {OwedEmailAttributes.SetExpression} REMOVE AwaitingConfirmation ADD {OwedEmailAttributes.AddExpression}",
                    ConditionExpression = "attribute_exists(SortKey) AND #status IN (:pending, :confirmed)",
                    ExpressionAttributeNames = new() { ["#status"] = "Status" },
                    ExpressionAttributeValues = values,
                    ReturnValuesOnConditionCheckFailure = ReturnValuesOnConditionCheckFailure.ALL_OLD,
                },
            },
            new() { Update = OrderCounters.Move(Table, order.Status, OrderStatus.Cancelled) },
        ];
    }

    /// <summary>
    /// After a cancelled transaction of <see cref="CancelParts"/>: the order as it was when its own part's condition
    /// failed (it had moved on: shipped, delivered or cancelled already), or null when the order's part was not the
    /// reason (a conflict, or another part's condition), so the caller may try again.
    /// </summary>
    public static Order? MovedOnIn(TransactionCanceledException cancelled) =>
        cancelled.CancellationReasons?.FirstOrDefault() is { Code: "ConditionalCheckFailed", Item: { Count: > 0 } item } ? OrderItem.FromItem(item) : null;
}
