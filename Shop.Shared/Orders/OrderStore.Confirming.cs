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
    public Task<(ConfirmOutcome Outcome, Order? Order)> ConfirmAsync(string shopperId, string orderId, CancellationToken cancellationToken) =>
        ConfirmAsync(shopperId, orderId, emailClaimId: null, cancellationToken);

    /// <summary>
    /// <see cref="ConfirmAsync(string, string, CancellationToken)"/>, and in the same write the claim on the
    /// confirmation email for this delivery, as <see cref="ClaimEmailAsync"/> makes it: a PENDING order has no email
    /// sent or claimed yet (its claim is only ever made on a confirmed order, or here), so the write that confirms it
    /// may claim it too, and an order costs one write less. <see cref="ConfirmOutcome.Confirmed"/> means claimed by
    /// <paramref name="claimId"/>; any other outcome claims nothing (an order confirmed already is claimed on its own).
    /// </summary>
    public Task<(ConfirmOutcome Outcome, Order? Order)> ConfirmAndClaimEmailAsync(string shopperId, string orderId, string claimId, CancellationToken cancellationToken) =>
        ConfirmAsync(shopperId, orderId, claimId, cancellationToken);

    private async Task<(ConfirmOutcome Outcome, Order? Order)> ConfirmAsync(string shopperId, string orderId, string? emailClaimId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var values = OrderHistoryList.AppendValues(new OrderEvent(OrderStatus.Confirmed, now, OrderActor.System));
        values[":confirmed"] = OrderItem.Status(OrderStatus.Confirmed);
        values[":pending"] = OrderItem.Status(OrderStatus.Pending);
        values[":now"] = OrderItem.Time(now);
        var claim = "";
        if (emailClaimId is not null)
        {
            values[":claim"] = new(emailClaimId);
            claim = ", EmailClaimedAt = :now, EmailClaimId = :claim";
        }
        var (updated, item) = await UpdateIfAsync(shopperId, orderId,
            $"SET #status = :confirmed, ConfirmedAt = :now, {OrderHistoryList.AppendExpression}{claim} REMOVE AwaitingConfirmation",
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
