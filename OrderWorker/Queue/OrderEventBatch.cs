using OrderWorker.Fulfilment;
using Shop.Shared.Observability;
using Shop.Shared.Orders;

namespace OrderWorker.Queue;

/// <summary>
/// Handles each record of a batch on its own, so one bad message never makes the others retry, and all records of a
/// batch at once: each one waits mostly on DynamoDB and SES, so one after another the batch took the sum of its
/// records' round trips. Each record is processed in its own span (continuing the checkout's trace from the message's
/// <c>traceparent</c>) and its own log scope (the order's correlation id and the message id), so its lines read as
/// part of the order's story.
/// </summary>
public sealed class OrderEventBatch(OrderMessageHandler messages, ILogger<OrderEventBatch> logger)
{
    /// <summary>The event source mapping's <c>BatchSize</c> in serverless.template: a batch never holds more, so
    /// every record of a batch runs at once and the bound only matters if the mapping is changed.</summary>
    public const int RecordsAtOnce = 10;

    public async Task<BatchResponse> HandleAsync(IReadOnlyList<SqsRecord> records, CancellationToken cancellationToken)
    {
        var failed = new bool[records.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, records.Count),
            new ParallelOptions { MaxDegreeOfParallelism = RecordsAtOnce, CancellationToken = cancellationToken },
            async (index, token) => failed[index] = !await HandleAsync(records[index], token));
        return new BatchResponse(records.Where((_, index) => failed[index]).Select(r => new BatchItemFailure(r.MessageId)).ToList());
    }

    /// <returns>False when the record should come back later.</returns>
    private async Task<bool> HandleAsync(SqsRecord record, CancellationToken cancellationToken)
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
