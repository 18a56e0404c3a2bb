using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;

namespace Shop.Shared.Orders;

public enum ConfirmOutcome
{
    Confirmed,
    AlreadyConfirmed,

    /// <summary>Cancelled before the worker came to it: no confirmation, no email.</summary>
    Cancelled,
    NotFound,
}

/// <summary>What asking to send an order's confirmation email came to.</summary>
public enum EmailClaim
{
    /// <summary>This delivery may send it, and must then mark it sent or release the claim.</summary>
    Claimed,
    AlreadySent,

    /// <summary>Another delivery of the same message is sending it right now (or the order is not there).</summary>
    HeldElsewhere,
}

public sealed partial class OrderStore
{
    /// <summary>
    /// PENDING → CONFIRMED, once: a second confirmation of the same order changes nothing. Either way the answer
    /// carries the order as it now is, from the update itself, so the worker need not read it again.
    /// </summary>
    public async Task<(ConfirmOutcome Outcome, Order? Order)> ConfirmAsync(string shopperId, string orderId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var values = OrderHistoryList.AppendValues(new OrderEvent(OrderStatus.Confirmed, now, OrderActor.System));
        values[":confirmed"] = OrderItem.Status(OrderStatus.Confirmed);
        values[":pending"] = OrderItem.Status(OrderStatus.Pending);
        values[":now"] = OrderItem.Time(now);
        var (updated, item) = await UpdateIfAsync(shopperId, orderId,
            $"SET #status = :confirmed, ConfirmedAt = :now, {OrderHistoryList.AppendExpression} REMOVE AwaitingConfirmation",
            "attribute_exists(SortKey) AND #status = :pending",
            values, cancellationToken, names: new() { ["#status"] = "Status" });
        if (item is null)
        {
            return (ConfirmOutcome.NotFound, null);
        }
        var order = OrderItem.FromItem(item);
        return (updated ? ConfirmOutcome.Confirmed : order.Status == OrderStatus.Cancelled ? ConfirmOutcome.Cancelled : ConfirmOutcome.AlreadyConfirmed, order);
    }

    /// <summary>
    /// Claims the right to send the confirmation email. Not claimed when it was sent already, or another delivery of
    /// the same message holds a claim younger than <paramref name="lease"/> (SQS may deliver a message twice at once).
    /// </summary>
    /// <param name="claimId">New for each delivery. When DynamoDB's answer to a claim is lost (a dropped connection, a
    /// 500 after the write), the SDK sends the same request again, which then finds the claim its own instead of
    /// "held elsewhere" (which would hold the email back for the whole lease).</param>
    public async Task<EmailClaim> ClaimEmailAsync(string shopperId, string orderId, string claimId, TimeSpan lease, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var (claimed, item) = await UpdateIfAsync(shopperId, orderId, "SET EmailClaimedAt = :now, EmailClaimId = :claim",
            "attribute_exists(SortKey) AND attribute_not_exists(EmailSentAt) AND (attribute_not_exists(EmailClaimedAt) OR EmailClaimedAt < :staleBefore OR EmailClaimId = :claim)",
            new() { [":now"] = OrderItem.Time(now), [":staleBefore"] = OrderItem.Time(now - lease), [":claim"] = new(claimId) }, cancellationToken);
        return claimed ? EmailClaim.Claimed
            : item?.ContainsKey("EmailSentAt") == true ? EmailClaim.AlreadySent
            : EmailClaim.HeldElsewhere;
    }

    /// <summary>Gives the claim back after a failed send, so the redelivered message can try again at once (if it was
    /// sent meanwhile, or the order is gone, there is nothing to give back).</summary>
    public async Task ReleaseEmailClaimAsync(string shopperId, string orderId, CancellationToken cancellationToken) =>
        await UpdateIfAsync(shopperId, orderId, "REMOVE EmailClaimedAt, EmailClaimId",
            "attribute_exists(SortKey) AND attribute_not_exists(EmailSentAt)", null, cancellationToken);

    /// <summary>Records the email as sent; already recorded is the outcome we want too.</summary>
    public async Task MarkEmailSentAsync(string shopperId, string orderId, CancellationToken cancellationToken) =>
        await UpdateIfAsync(shopperId, orderId, "SET EmailSentAt = :now REMOVE EmailClaimedAt, EmailClaimId",
            "attribute_exists(SortKey) AND attribute_not_exists(EmailSentAt)",
            new() { [":now"] = OrderItem.Time(clock.GetUtcNow()) }, cancellationToken);

    /// <summary>
    /// One conditional update of an order. Returns whether the condition held, and the item: as it is after the
    /// update, or, when the condition failed, as it was (null when there is no such order).
    /// </summary>
    private async Task<(bool Updated, Dictionary<string, AttributeValue>? Item)> UpdateIfAsync(string shopperId, string orderId,
        string update, string condition, Dictionary<string, AttributeValue>? values, CancellationToken cancellationToken, Dictionary<string, string>? names = null)
    {
        try
        {
            var response = await dynamo.UpdateItemAsync(new UpdateItemRequest
            {
                TableName = Table,
                Key = OrderItem.Key(shopperId, orderId),
                UpdateExpression = update,
                ConditionExpression = condition,
                ExpressionAttributeNames = names,
                ExpressionAttributeValues = values,
                ReturnValues = ReturnValue.ALL_NEW,
                ReturnValuesOnConditionCheckFailure = ReturnValuesOnConditionCheckFailure.ALL_OLD,
            }, cancellationToken);
            return (true, response.Attributes);
        }
        catch (ConditionalCheckFailedException failed)
        {
            return (false, failed.Item is { Count: > 0 } item ? item : null);
        }
    }
}
