using Microsoft.Extensions.Options;
using OrderWorker.Email;
using Shop.Shared.Observability;
using Shop.Shared.Orders;

namespace OrderWorker.Fulfilment;

/// <summary>
/// Sends an email a status change (or an operator's resend) owes the shopper, exactly once however often SQS delivers
/// its message and however often the sweep sends it again: the email is sent only under a claim on the order while
/// the order still owes it, and leaves the order's debts once sent, so every later delivery finds nothing owed.
/// </summary>
public sealed class OwedEmailSender(
    OrderStore orders, SesEmailSender email, IOptions<ConfirmationEmailOptions> emailOptions, IOptions<EmailClaimOptions> claimOptions,
    ShopMetrics metrics, ILogger<OwedEmailSender> logger)
{
    /// <returns>False when the message should come back later (another delivery is sending, or the send failed).</returns>
    public async Task<bool> SendAsync(OrderEmailDue message, CancellationToken cancellationToken)
    {
        OwedEmail.TryParse(message.Email, out var owed);
        var (claim, order) = await orders.ClaimOwedEmailAsync(message.ShopperId, message.OrderId, owed!, claimOptions.Value.ClaimLease, cancellationToken);
        switch (claim)
        {
            case EmailClaim.AlreadySent:
                logger.LogInformation("The {Email} email of order {OrderId} is not owed (sent already)", message.Email, message.OrderId);
                return true;
            case EmailClaim.HeldElsewhere:
                logger.LogInformation("The {Email} email of order {OrderId} is being sent by another delivery, or the order is not there; later", message.Email, message.OrderId);
                return false;
        }

        try
        {
            var sesMessageId = await email.SendAsync(StatusEmails.For(owed!, order!, emailOptions.Value), cancellationToken);
            logger.LogInformation("The {Email} email of order {OrderId} sent as {SesMessageId}", message.Email, message.OrderId, sesMessageId);
            metrics.EmailSent(order!);
        }
        catch (EmailNotSentException e)
        {
            logger.LogError(e, "The {Email} email of order {OrderId} not sent; the message will be retried", message.Email, message.OrderId);
            metrics.EmailFailed(order!);
            await orders.ReleaseOwedEmailClaimAsync(message.ShopperId, message.OrderId, owed!, cancellationToken);
            return false;
        }
        await SentEmailRecord.RecordAsync(token => orders.MarkOwedEmailSentAsync(message.ShopperId, message.OrderId, owed!, token), logger, cancellationToken);
        return true;
    }
}
