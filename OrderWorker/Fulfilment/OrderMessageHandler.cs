using OrderWorker.Confirmation;
using Shop.Shared.Orders;

namespace OrderWorker.Fulfilment;

/// <summary>
/// What the worker does with one message of the orders queue, by its <c>MessageType</c> attribute: an accepted
/// order is confirmed, an email due is sent. A message without the attribute is an <see cref="OrderPlaced"/> (as
/// every message was before there were two types); an unknown type or a malformed body is a failure, so after its
/// retries the message waits in the dead-letter queue for a fixed worker and the operations page's redrive.
/// </summary>
public sealed class OrderMessageHandler(OrderConfirmation confirmation, OwedEmailSender emails, ILogger<OrderMessageHandler> logger)
{
    /// <summary>The record's message type, for its span.</summary>
    public static string TypeOf(string? typeAttribute) => typeAttribute ?? OrderPlaced.MessageType;

    /// <summary>The order a message is about; null for a message that cannot be read.</summary>
    public static string? OrderIdOf(string? typeAttribute, string? body) => TypeOf(typeAttribute) switch
    {
        OrderPlaced.MessageType when OrderPlaced.TryParse(body, out var placed, out _) => placed!.OrderId,
        OrderEmailDue.MessageType when OrderEmailDue.TryParse(body, out var due, out _) => due!.OrderId,
        _ => null,
    };

    /// <returns>False when the message should come back (or, in the end, go to the dead-letter queue).</returns>
    public async Task<bool> HandleAsync(string messageId, string? typeAttribute, string? body, CancellationToken cancellationToken)
    {
        var type = TypeOf(typeAttribute);
        string? error;
        if (type == OrderPlaced.MessageType)
        {
            if (OrderPlaced.TryParse(body, out var placed, out error))
            {
                return await confirmation.ConfirmAsync(placed!, cancellationToken);
            }
        }
        else if (type == OrderEmailDue.MessageType)
        {
            if (OrderEmailDue.TryParse(body, out var due, out error))
            {
                return await emails.SendAsync(due!, cancellationToken);
            }
        }
        else
        {
            error = "unknown message type";
        }
        logger.LogWarning("Malformed order message {MessageId} ({MessageType}): {Error}", messageId, type, error);
        return false;
    }
}
