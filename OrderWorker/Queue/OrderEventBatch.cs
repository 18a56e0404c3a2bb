using System.Collections.Concurrent;
using OrderWorker.Fulfilment;
using Shop.Shared.Observability;

namespace OrderWorker.Queue;

/// <summary>
/// Handles each record of a batch on its own, so one bad message never makes the others retry. Each record is
/// processed in its own span (continuing the checkout's trace from the message's <c>traceparent</c>) and its own log
/// scope (the order's correlation id and the message id), so its lines read as part of the order's story.
/// Records about different orders are handled side by side, since each spends its time waiting on DynamoDB and SES;
/// those about one order one after another, in the batch's order, since a copy handled beside its twin would find
/// the email claim held and come back after the visibility timeout (handling stays safe either way).
/// </summary>
public sealed class OrderEventBatch(OrderMessageHandler messages, ILogger<OrderEventBatch> logger)
{
    /// <summary>At most this many records at once: the event source mapping's batch size in serverless.template.</summary>
    public const int RecordsAtOnce = 10;

    public async Task<BatchResponse> HandleAsync(IReadOnlyList<SqsRecord> records, CancellationToken cancellationToken)
    {
        var failures = new ConcurrentBag<BatchItemFailure>();
        var byOrder = records.GroupBy(r => OrderMessageHandler.OrderIdOf(Attribute(r, "MessageType"), r.Body) ?? r.MessageId);
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = RecordsAtOnce, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(byOrder, parallel, async (sameOrder, cancellationToken) =>
        {
            foreach (var record in sameOrder)
            {
                if (!await HandledAsync(record, cancellationToken))
                {
                    failures.Add(new BatchItemFailure(record.MessageId));
                }
            }
        });
        return new BatchResponse([.. failures]);
    }

    private async Task<bool> HandledAsync(SqsRecord record, CancellationToken cancellationToken)
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
            return await messages.HandleAsync(record.MessageId, type, record.Body, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogError(e, "Message {MessageId} failed", record.MessageId);
            return false;
        }
    }

    private static string? Attribute(SqsRecord record, string name) =>
        record.MessageAttributes?.GetValueOrDefault(name)?.StringValue is { Length: > 0 } value ? value : null;
}
