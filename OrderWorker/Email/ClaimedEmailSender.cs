using Microsoft.Extensions.Options;
using Shop.Shared.Observability;
using Shop.Shared.Orders;

namespace OrderWorker.Email;

/// <summary>One email an order owes, as the orders table claims it, gives the claim back and records it sent.</summary>
/// <param name="Name">How logs name it: "confirmation", or the owed email's id.</param>
/// <param name="Claim">Claims the send for as long as the lease given; when claimed, answers with the order.</param>
public sealed record ClaimedEmail(
    string Name,
    string OrderId,
    Func<TimeSpan, CancellationToken, Task<(EmailClaim Claim, Order? Order)>> Claim,
    Func<Order, EmailMessage> Compose,
    Func<CancellationToken, Task> Release,
    Func<CancellationToken, Task> RecordSent);

/// <summary>
/// Sends an order's email exactly once however often SQS delivers its message: claimed on the order first (with a
/// lease, so two deliveries at once cannot both send), then sent, then recorded as sent, so a redelivery finds the
/// work done. A failed send gives the claim back, so the redelivery can try again at once.
/// </summary>
public sealed class ClaimedEmailSender(SesEmailSender ses, IOptions<EmailClaimOptions> options, ShopMetrics metrics, ILogger<ClaimedEmailSender> logger)
{
    /// <returns>False when the message should come back later (another delivery is sending, or the send failed).</returns>
    public async Task<bool> SendAsync(ClaimedEmail email, CancellationToken cancellationToken)
    {
        var (claim, order) = await email.Claim(options.Value.ClaimLease, cancellationToken);
        switch (claim)
        {
            case EmailClaim.AlreadySent:
                logger.LogInformation("The {Email} email of order {OrderId} is not owed (sent already)", email.Name, email.OrderId);
                return true;
            case EmailClaim.HeldElsewhere:
                logger.LogInformation("The {Email} email of order {OrderId} is being sent by another delivery, or the order is not there; later", email.Name, email.OrderId);
                return false;
        }

        try
        {
            var sesMessageId = await ses.SendAsync(email.Compose(order!), cancellationToken);
            logger.LogInformation("The {Email} email of order {OrderId} sent as {SesMessageId}", email.Name, email.OrderId, sesMessageId);
            metrics.EmailSent(order!);
        }
        catch (EmailNotSentException e)
        {
            logger.LogError(e, "The {Email} email of order {OrderId} not sent; the message will be retried", email.Name, email.OrderId);
            metrics.EmailFailed(order!);
            await email.Release(cancellationToken);
            return false;
        }
        await SentEmailRecord.RecordAsync(email.RecordSent, logger, cancellationToken);
        return true;
    }
}
