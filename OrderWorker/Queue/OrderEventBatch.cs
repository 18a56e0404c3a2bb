using OrderWorker.Confirmation;
using Shop.Shared.Observability;
using Shop.Shared.Orders;

namespace OrderWorker.Queue;

/// <summary>
/// Handles each record of a batch on its own, so one bad message never makes the others retry. Each record is
/// processed in its own span (continuing the checkout's trace from the message's <c>traceparent</c>) and its own log
/// scope (the order's correlation id and the message id), so its lines read as part of the order's story.
/// </summary>
public sealed class OrderEventBatch(OrderConfirmation confirmation, ILogger<OrderEventBatch> logger)
{
    public async Task<BatchResponse> HandleAsync(IReadOnlyList<SqsRecord> records, CancellationToken cancellationToken)
    {
        var failures = new List<BatchItemFailure>();
        foreach (var record in records)
        {
            var correlationId = Attribute(record, "CorrelationId") ?? RequestContext.NewCorrelationId();
            using var activity = MessageTracing.StartProcess(OrderPlaced.MessageType,
                Attribute(record, MessageTracing.TraceParentAttribute), Attribute(record, MessageTracing.TraceStateAttribute), correlationId);
            using var scope = logger.BeginScope(new Dictionary<string, object?>
            {
                [RequestContext.CorrelationIdProperty] = correlationId,
                ["MessageId"] = record.MessageId,
            });
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

    private static string? Attribute(SqsRecord record, string name) =>
        record.MessageAttributes?.GetValueOrDefault(name)?.StringValue is { Length: > 0 } value ? value : null;
}
