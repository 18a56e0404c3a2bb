using OrderWorker.Fulfilment;
using Shop.Shared.Observability;
using Shop.Shared.Orders;

namespace OrderWorker.Queue;

/// <summary>
/// Handles each record of a batch on its own, so one bad message never makes the others retry. Each record is
/// processed in its own span (continuing the checkout's trace from the message's <c>traceparent</c>) and its own log
/// scope (the order's correlation id and the message id), so its lines read as part of the order's story.
/// </summary>
public sealed class OrderEventBatch(OrderMessageHandler messages, ILogger<OrderEventBatch> logger)
{
    public async Task<BatchResponse> HandleAsync(IReadOnlyList<SqsRecord> records, CancellationToken cancellationToken)
    {
        var failures = new List<BatchItemFailure>();
        foreach (var record in records)
        {
            var correlationId = Attribute(record, "CorrelationId") ?? RequestContext.NewCorrelationId();
            var type = Attribute(record, "MessageType");
            using var activity = MessageTracing.StartProcess(OrderMessageHandler.TypeOf(type),
                Attribute(record, MessageTracing.TraceParentAttribute), Attribute(record, MessageTracing.TraceStateAttribute), correlationId);
            using var scope = logger.BeginScope(new Dictionary<string, object?>
            {
                [RequestContext.CorrelationIdProperty] = correlationId,
                ["MessageId"] = record.MessageId,
            });
            try
            {
                if (!await messages.HandleAsync(record.MessageId, type, record.Body, cancellationToken))
                {
                    failures.Add(new BatchItemFailure(record.MessageId));
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "Message {MessageId} failed", record.MessageId);
                failures.Add(new BatchItemFailure(record.MessageId));
            }
        }
        return new BatchResponse(failures);
    }

    private static string? Attribute(SqsRecord record, string name) =>
        record.MessageAttributes?.GetValueOrDefault(name)?.StringValue is { Length: > 0 } value ? value : null;
}
