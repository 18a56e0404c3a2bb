using Shop.Shared.Orders;

namespace Storefront.Orders;

/// <summary>
/// Tells the worker, once a status change is written, that it owes the shopper an email about it. The change itself
/// recorded the email as owed, in the same write; so if this message is never sent (SQS down, or the function stops
/// between the two), the worker's sweep finds the debt and sends it then. A failure here is therefore logged, not
/// shown: the shopper's or operator's change has happened.
/// </summary>
public sealed class EmailDueNotice(OrderQueue queue, ILogger<EmailDueNotice> logger)
{
    public async Task SendAsync(Order order, OwedEmail email, string correlationId, CancellationToken cancellationToken)
    {
        try
        {
            await queue.SendAsync(new OrderEmailDue(order.OrderId, order.ShopperId, email.Id), correlationId, cancellationToken);
        }
        catch (Exception e)
        {
            // Whatever went wrong, the change is written and the debt with it: nothing is lost by not queuing now.
            logger.LogWarning(e, "The {Email} email of order {OrderId} ({CorrelationId}) was not queued; the worker's sweep will send it",
                email.Id, order.OrderId, correlationId);
        }
    }
}
