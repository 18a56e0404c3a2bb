using Amazon.DynamoDBv2.Model;

namespace Shop.Shared.Orders;

/// <summary>An email the worker owes for an order, as its sweep finds it to send the message again.</summary>
public sealed record EmailOwedFor(OrderEmailDue Message, string CorrelationId);

public sealed partial class OrderStore
{
    /// <summary>
    /// Claims the right to send <paramref name="email"/>: only while the order still owes it and no other delivery
    /// holds a claim younger than <paramref name="lease"/>. When claimed, the order comes with the answer.
    /// </summary>
    public async Task<(EmailClaim Claim, Order? Order)> ClaimOwedEmailAsync(
        string shopperId, string orderId, OwedEmail email, TimeSpan lease, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var (claimed, item) = await UpdateIfAsync(shopperId, orderId, "SET OwedEmailClaim = :email, OwedEmailClaimedAt = :now",
            "contains(EmailsOwed, :email) AND (attribute_not_exists(OwedEmailClaimedAt) OR OwedEmailClaimedAt < :staleBefore)",
            new() { [":email"] = new AttributeValue { S = email.Id }, [":now"] = OrderItem.Time(now), [":staleBefore"] = OrderItem.Time(now - lease) },
            cancellationToken);
        return claimed ? (EmailClaim.Claimed, (Order?)OrderItem.FromItem(item!))
            : item is not null && !OwedEmailAttributes.Of(item).Contains(email) ? (EmailClaim.AlreadySent, null)
            : (EmailClaim.HeldElsewhere, null);
    }

    /// <summary>Gives a claim back after a failed send, so a redelivery can try again at once.</summary>
    public async Task ReleaseOwedEmailClaimAsync(string shopperId, string orderId, OwedEmail email, CancellationToken cancellationToken) =>
        await UpdateIfAsync(shopperId, orderId, "REMOVE OwedEmailClaim, OwedEmailClaimedAt", "OwedEmailClaim = :email",
            new() { [":email"] = new AttributeValue { S = email.Id } }, cancellationToken);

    /// <summary>
    /// Records <paramref name="email"/> as sent: it leaves the set of emails owed, and when that was the last one the
    /// order leaves the sweep's index too (a second, conditional step: an email owed meanwhile keeps it there).
    /// </summary>
    public async Task MarkOwedEmailSentAsync(string shopperId, string orderId, OwedEmail email, CancellationToken cancellationToken)
    {
        var (_, item) = await UpdateIfAsync(shopperId, orderId, "DELETE EmailsOwed :emails REMOVE OwedEmailClaim, OwedEmailClaimedAt",
            "contains(EmailsOwed, :email)",
            new() { [":emails"] = OwedEmailAttributes.Set(email), [":email"] = new AttributeValue { S = email.Id } }, cancellationToken);
        if (item is not null && !item.ContainsKey("EmailsOwed") && item.ContainsKey("OwesEmail"))
        {
            await UpdateIfAsync(shopperId, orderId, "REMOVE OwesEmail, EmailOwedSince",
                "attribute_exists(SortKey) AND attribute_not_exists(EmailsOwed)", null, cancellationToken);
        }
    }

    /// <summary>
    /// An operator's "resend the last email": owes the email of the order's status once more, recorded as a step of
    /// its history. Conditional on the history the operator saw (<see cref="Order.StepsStored"/>), so a replayed form
    /// owes nothing more; and on a status that has an email (not PENDING). The resend's <see cref="OwedEmail"/> is
    /// numbered by that count, so each resend is an email of its own.
    /// </summary>
    public async Task<(TransitionResult Result, OwedEmail Email)> ResendLastEmailAsync(Order order, OrderEvent resent, CancellationToken cancellationToken)
    {
        var stepsSeen = order.StepsStored;
        var email = new OwedEmail(order.Status, stepsSeen);
        var values = OwedEmailAttributes.Owe(OrderHistoryList.AppendValues(resent), email, resent.At);
        values[":status"] = OrderItem.Status(order.Status);
        values[":pending"] = OrderItem.Status(OrderStatus.Pending);
        // Orders placed before the history was kept may have none stored yet.
        var seen = stepsSeen == 0 ? "attribute_not_exists(StatusHistory)" : "size(StatusHistory) = :seen";
        if (stepsSeen > 0)
        {
            values[":seen"] = OrderItem.Number(stepsSeen);
        }
        var (done, item) = await UpdateIfAsync(order.ShopperId, order.OrderId,
            $"SET {OrderHistoryList.AppendExpression}, {OwedEmailAttributes.SetExpression} ADD {OwedEmailAttributes.AddExpression}",
            $"attribute_exists(SortKey) AND #status = :status AND #status <> :pending AND {seen}", values, cancellationToken,
            names: new() { ["#status"] = "Status" });
        return (new TransitionResult(done, item is null ? null : OrderItem.FromItem(item)), email);
    }

    /// <summary>Emails owed since before <paramref name="cutoff"/>, oldest first, from the sparse index: their message
    /// was lost, or their sending keeps failing.</summary>
    public async Task<IReadOnlyList<EmailOwedFor>> ListEmailsOwedBeforeAsync(DateTimeOffset cutoff, int limit, CancellationToken cancellationToken)
    {
        var response = await dynamo.QueryAsync(new QueryRequest
        {
            TableName = Table,
            IndexName = OrderItem.OrdersOwedEmailIndex,
            KeyConditionExpression = "OwesEmail = :owed AND EmailOwedSince < :cutoff",
            ExpressionAttributeValues = new()
            {
                [":owed"] = new AttributeValue { S = OwedEmailAttributes.Owing },
                [":cutoff"] = OrderItem.Time(cutoff),
            },
            Limit = limit,
        }, cancellationToken);
        return response.Items
            .SelectMany(i => OwedEmailAttributes.Of(i).Select(email =>
                new EmailOwedFor(new OrderEmailDue(i["OrderId"].S, i["ShopperId"].S, email.Id), i["CorrelationId"].S)))
            .ToList();
    }
}
