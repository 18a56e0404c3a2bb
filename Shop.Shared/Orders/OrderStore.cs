using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Microsoft.Extensions.Options;
using Shop.Shared.Aws;

namespace Shop.Shared.Orders;

/// <summary>An order still waiting for confirmation, as the sweep needs it to send its message again.</summary>
public sealed record PendingOrder(OrderPlaced Message, string CorrelationId);

public enum ConfirmOutcome
{
    Confirmed,
    AlreadyConfirmed,
    NotFound,
}

/// <summary>Reads and moves orders in the orders table. Every read names the shopper (see <see cref="OrderItem"/>).</summary>
public sealed class OrderStore(IAmazonDynamoDB dynamo, IOptions<TableOptions> tables, TimeProvider clock)
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

    /// <summary>The shopper's orders, newest first (order ids sort by time).</summary>
    public async Task<IReadOnlyList<Order>> ListForShopperAsync(string shopperId, int limit, CancellationToken cancellationToken)
    {
        var response = await dynamo.QueryAsync(new QueryRequest
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
        }, cancellationToken);
        return response.Items.Select(OrderItem.FromItem).ToList();
    }

    /// <summary>PENDING → CONFIRMED, once: a second confirmation of the same order changes nothing.</summary>
    public async Task<ConfirmOutcome> ConfirmAsync(string shopperId, string orderId, CancellationToken cancellationToken)
    {
        try
        {
            await dynamo.UpdateItemAsync(new UpdateItemRequest
            {
                TableName = Table,
                Key = OrderItem.Key(shopperId, orderId),
                UpdateExpression = "SET #status = :confirmed, ConfirmedAt = :now REMOVE AwaitingConfirmation",
                ConditionExpression = "attribute_exists(SortKey) AND #status = :pending",
                ExpressionAttributeNames = new() { ["#status"] = "Status" },
                ExpressionAttributeValues = new()
                {
                    [":confirmed"] = new AttributeValue { S = "CONFIRMED" },
                    [":pending"] = new AttributeValue { S = "PENDING" },
                    [":now"] = OrderItem.Time(clock.GetUtcNow()),
                },
                ReturnValuesOnConditionCheckFailure = ReturnValuesOnConditionCheckFailure.ALL_OLD,
            }, cancellationToken);
            return ConfirmOutcome.Confirmed;
        }
        catch (ConditionalCheckFailedException failed)
        {
            return failed.Item is { Count: > 0 } ? ConfirmOutcome.AlreadyConfirmed : ConfirmOutcome.NotFound;
        }
    }

    /// <summary>
    /// Claims the right to send the confirmation email. False when it was sent already, or another delivery of the
    /// same message holds a claim younger than <paramref name="lease"/> (SQS may deliver a message twice at once).
    /// </summary>
    public async Task<bool> TryClaimEmailAsync(string shopperId, string orderId, TimeSpan lease, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        return await UpdateIfAsync(shopperId, orderId, "SET EmailClaimedAt = :now",
            "attribute_exists(SortKey) AND attribute_not_exists(EmailSentAt) AND (attribute_not_exists(EmailClaimedAt) OR EmailClaimedAt < :staleBefore)",
            new() { [":now"] = OrderItem.Time(now), [":staleBefore"] = OrderItem.Time(now - lease) }, cancellationToken);
    }

    /// <summary>Gives the claim back after a failed send, so the redelivered message can try again at once (if it was
    /// sent meanwhile, or the order is gone, there is nothing to give back).</summary>
    public async Task ReleaseEmailClaimAsync(string shopperId, string orderId, CancellationToken cancellationToken) =>
        await UpdateIfAsync(shopperId, orderId, "REMOVE EmailClaimedAt",
            "attribute_exists(SortKey) AND attribute_not_exists(EmailSentAt)", null, cancellationToken);

    /// <summary>Records the email as sent; already recorded is the outcome we want too.</summary>
    public async Task MarkEmailSentAsync(string shopperId, string orderId, CancellationToken cancellationToken) =>
        await UpdateIfAsync(shopperId, orderId, "SET EmailSentAt = :now REMOVE EmailClaimedAt",
            "attribute_exists(SortKey) AND attribute_not_exists(EmailSentAt)",
            new() { [":now"] = OrderItem.Time(clock.GetUtcNow()) }, cancellationToken);

    /// <summary>One conditional update of an order; false when the condition does not hold.</summary>
    private async Task<bool> UpdateIfAsync(string shopperId, string orderId, string update, string condition,
        Dictionary<string, AttributeValue>? values, CancellationToken cancellationToken)
    {
        try
        {
            await dynamo.UpdateItemAsync(new UpdateItemRequest
            {
                TableName = Table,
                Key = OrderItem.Key(shopperId, orderId),
                UpdateExpression = update,
                ConditionExpression = condition,
                ExpressionAttributeValues = values,
            }, cancellationToken);
            return true;
        }
        catch (ConditionalCheckFailedException)
        {
            return false;
        }
    }

    /// <summary>Orders still PENDING that were placed before <paramref name="cutoff"/> (from the sparse index).</summary>
    public async Task<IReadOnlyList<PendingOrder>> ListPendingPlacedBeforeAsync(DateTimeOffset cutoff, int limit, CancellationToken cancellationToken)
    {
        var response = await dynamo.QueryAsync(new QueryRequest
        {
            TableName = Table,
            IndexName = OrderItem.PendingOrdersIndex,
            KeyConditionExpression = "AwaitingConfirmation = :pending AND PlacedAt < :cutoff",
            ExpressionAttributeValues = new()
            {
                [":pending"] = new AttributeValue { S = "PENDING" },
                [":cutoff"] = OrderItem.Time(cutoff),
            },
            Limit = limit,
        }, cancellationToken);
        return response.Items.Select(i => new PendingOrder(
            new OrderPlaced(i["OrderId"].S, i["ShopperId"].S, DateTimeOffset.Parse(i["PlacedAt"].S, System.Globalization.CultureInfo.InvariantCulture)),
            i["CorrelationId"].S)).ToList();
    }
}
