using OrderWorker.Confirmation;
using Shop.Shared.Orders;

namespace OrderWorker.Queue;

/// <summary>Handles each record of a batch on its own, so one bad message never makes the others retry.</summary>
public sealed class OrderEventBatch(OrderConfirmation confirmation, ILogger<OrderEventBatch> logger)
{
    public async Task<BatchResponse> HandleAsync(IReadOnlyList<SqsRecord> records, CancellationToken cancellationToken)
    {
        var failures = new List<BatchItemFailure>();
        foreach (var record in records)
        {
            if (!OrderPlaced.TryParse(record.Body, out var message, out var error))
            {
                logger.LogWarning("Malformed order message {MessageId}: {Error}", record.MessageId, error);
                failures.Add(new BatchItemFailure(record.MessageId));
                continue;
            }
            try
            {
                if (!await confirmation.ConfirmAsync(message!, cancellationToken))
                {
                    failures.Add(new BatchItemFailure(record.MessageId));
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "Order {OrderId} from message {MessageId} failed", message!.OrderId, record.MessageId);
                failures.Add(new BatchItemFailure(record.MessageId));
            }
        }
        return new BatchResponse(failures);
    }
}
