using Microsoft.Extensions.Options;
using OrderWorker.Email;
using Shop.Shared.Observability;
using Shop.Shared.Orders;

namespace OrderWorker.Confirmation;

/// <summary>
/// Confirms one accepted order and emails the shopper, exactly once however often SQS delivers the message:
/// PENDING → CONFIRMED is a conditional update, and the email is sent under a claim recorded on the order and then
/// marked sent, so a redelivered (or concurrently delivered) message finds the work done. The delivery that confirms
/// the order claims its email in the same write (two writes an order, not three); a delivery that finds it confirmed
/// already claims it on its own.
/// </summary>
public sealed class OrderConfirmation(
    OrderStore orders, ClaimedEmailSender sender, IOptions<ConfirmationEmailOptions> emailOptions, ShopMetrics metrics, ILogger<OrderConfirmation> logger)
{
    /// <returns>False when the message should come back later (unknown order, email not sent yet).</returns>
    public async Task<bool> ConfirmAsync(OrderPlaced message, CancellationToken cancellationToken)
    {
        // Each step's update answers with the order as it then is: nothing is read twice. One claim id for this
        // delivery, in both claims: if the confirming write's answer is lost and the SDK's resend finds the order
        // confirmed, the claim it made is still this delivery's (see ClaimEmailAsync).
        var claimId = Guid.NewGuid().ToString("N");
        var (outcome, order) = await orders.ConfirmAndClaimEmailAsync(message.ShopperId, message.OrderId, claimId, cancellationToken);
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
        else if (order.EmailSentAt is not null)
        {
            return true;
        }
        return await sender.SendAsync(new ClaimedEmail("confirmation", order.OrderId,
            Claim: async (lease, token) => (outcome == ConfirmOutcome.Confirmed ? EmailClaim.Claimed
                : await orders.ClaimEmailAsync(order.ShopperId, order.OrderId, claimId, lease, token), order),
            Compose: confirmed => ConfirmationEmail.For(confirmed, emailOptions.Value),
            Release: token => orders.ReleaseEmailClaimAsync(order.ShopperId, order.OrderId, token),
            RecordSent: token => orders.MarkEmailSentAsync(order.ShopperId, order.OrderId, token)), cancellationToken);
    }
}
