using Microsoft.Extensions.Options;
using OrderWorker.Email;
using Shop.Shared.Observability;
using Shop.Shared.Orders;

namespace OrderWorker.Confirmation;

/// <summary>
/// Confirms one accepted order and emails the shopper, exactly once however often SQS delivers the message:
/// PENDING → CONFIRMED is a conditional update, and the email is sent under a claim recorded on the order and then
/// marked sent, so a redelivered (or concurrently delivered) message finds the work done.
/// </summary>
public sealed class OrderConfirmation(
    OrderStore orders, ClaimedEmailSender sender, IOptions<ConfirmationEmailOptions> emailOptions, ShopMetrics metrics, ILogger<OrderConfirmation> logger)
{
    /// <returns>False when the message should come back later (unknown order, email not sent yet).</returns>
    public async Task<bool> ConfirmAsync(OrderPlaced message, CancellationToken cancellationToken)
    {
        // Each step's update answers with the order as it then is: nothing is read twice.
        var (outcome, order) = await orders.ConfirmAsync(message.ShopperId, message.OrderId, cancellationToken);
        if (order is null)
        {
            logger.LogWarning("Order {OrderId} of shopper {ShopperId} does not exist", message.OrderId, message.ShopperId);
            return false;
        }
        if (outcome == ConfirmOutcome.Cancelled)
        {
            logger.LogInformation("Order {OrderId} was cancelled before it was confirmed; nothing to confirm or email", message.OrderId);
            return true;
        }
        if (outcome == ConfirmOutcome.Confirmed)
        {
            logger.LogInformation("Order {OrderId} confirmed", message.OrderId);
            metrics.OrderConfirmed(order);
        }
        if (order.EmailSentAt is not null)
        {
            return true;
        }
        return await sender.SendAsync(new ClaimedEmail("confirmation", order.OrderId,
            // A new claim id for each delivery (see ClaimEmailAsync).
            Claim: async (lease, token) => (await orders.ClaimEmailAsync(order.ShopperId, order.OrderId, Guid.NewGuid().ToString("N"), lease, token), order),
            Compose: confirmed => ConfirmationEmail.For(confirmed, emailOptions.Value),
            Release: token => orders.ReleaseEmailClaimAsync(order.ShopperId, order.OrderId, token),
            RecordSent: token => orders.MarkEmailSentAsync(order.ShopperId, order.OrderId, token)), cancellationToken);
    }
}
