using Microsoft.Extensions.Options;
using OrderWorker.Email;
using Shop.Shared.Orders;

namespace OrderWorker.Fulfilment;

/// <summary>
/// Sends an email a status change (or an operator's resend) owes the shopper, exactly once however often SQS delivers
/// its message and however often the sweep sends it again: the email is sent only under a claim on the order while
/// the order still owes it, and leaves the order's debts once sent, so every later delivery finds nothing owed.
/// </summary>
public sealed class OwedEmailSender(OrderStore orders, ClaimedEmailSender sender, IOptions<ConfirmationEmailOptions> emailOptions)
{
    /// <returns>False when the message should come back later (another delivery is sending, or the send failed).</returns>
    public async Task<bool> SendAsync(OrderEmailDue message, CancellationToken cancellationToken)
    {
        OwedEmail.TryParse(message.Email, out var owed);
        return await sender.SendAsync(new ClaimedEmail(message.Email, message.OrderId,
            Claim: (lease, token) => orders.ClaimOwedEmailAsync(message.ShopperId, message.OrderId, owed!, lease, token),
            Compose: order => StatusEmails.For(owed!, order, emailOptions.Value),
            Release: token => orders.ReleaseOwedEmailClaimAsync(message.ShopperId, message.OrderId, owed!, token),
            RecordSent: token => orders.MarkOwedEmailSentAsync(message.ShopperId, message.OrderId, owed!, token)), cancellationToken);
    }
}
