using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;

namespace Shop.Shared.Orders;

public sealed partial class OrderStore
{
    /// <summary>
    /// What placing <paramref name="order"/> writes to the orders table, as parts of the checkout's one transaction:
    /// the idempotency key's record (first, so the transaction's first cancellation reason is its outcome; a key
    /// already recorded cancels the transaction), the PENDING order, and one more on the order counters.
    /// </summary>
    public IReadOnlyList<TransactWriteItem> PlaceParts(Order order, string idempotencyKey) =>
    [
        new()
        {
            Put = new Put
            {
                TableName = Table, Item = CheckoutRecord.ToItem(idempotencyKey, order), ConditionExpression = "attribute_not_exists(SortKey)",
                ReturnValuesOnConditionCheckFailure = ReturnValuesOnConditionCheckFailure.ALL_OLD,
            },
        },
        new()
        {
            Put = new Put { TableName = Table, Item = OrderItem.ToItem(order), ConditionExpression = "attribute_not_exists(SortKey)" },
        },
        new()
        {
            Update = new Update
            {
                TableName = Table,
                Key = OrderCounters.RandomShard(),
                UpdateExpression = "ADD Placed :one",
                ExpressionAttributeValues = new() { [":one"] = OrderItem.Number(1) },
            },
        },
    ];

    /// <summary>
    /// The order <paramref name="idempotencyKey"/> placed before, if any. After a cancelled transaction of
    /// <see cref="PlaceParts"/>, its record comes with the cancellation (no read), and a key that was free means no
    /// replay; without one (<paramref name="cancelled"/> null) the record is read.
    /// </summary>
    public async Task<Order?> FindPlacedWithKeyAsync(
        string shopperId, string idempotencyKey, TransactionCanceledException? cancelled, CancellationToken cancellationToken)
    {
        var record = cancelled?.CancellationReasons?.FirstOrDefault();
        if (cancelled is not null && record is not { Code: "ConditionalCheckFailed" })
        {
            return null;
        }
        var item = record?.Item is { Count: > 0 } returned ? returned : (await dynamo.GetItemAsync(new GetItemRequest
        {
            TableName = Table,
            Key = CheckoutRecord.Key(shopperId, idempotencyKey),
            ConsistentRead = true,
        }, cancellationToken)).Item;
        return CheckoutRecord.OrderIdOf(item) is { } orderId ? await FindAsync(shopperId, orderId, cancellationToken) : null;
    }
}
