using System.Globalization;
using Amazon.SQS;
using Amazon.SQS.Model;
using Microsoft.Extensions.Options;
using Shop.Shared.Aws;
using Shop.Shared.Orders;

namespace Storefront.Operations;

/// <summary>How many messages a queue holds: ready to be received, and received but not yet deleted.</summary>
public sealed record QueueCounts(int Waiting, int InFlight);

/// <summary>A message in the dead-letter queue, read without taking it.</summary>
public sealed record DeadLetter(string MessageId, DateTimeOffset? SentAt, string? OrderId, string? CorrelationId, string Body);

/// <summary>What a redrive did: messages moved back to the orders queue, and messages it could not move (left in place).</summary>
public sealed record RedriveResult(int Moved, int Failed);

/// <summary>
/// Operating the order queues: their counts, a look at the dead-letter queue, and moving dead letters back to the
/// orders queue. The move is receive → send → delete with the SDK's ordinary calls, so the same code works on SQS and
/// on the local emulator; a message is deleted from the dead-letter queue only once it is on the orders queue, so a
/// failure part way leaves it where it was (at worst sent twice, which the worker's idempotent confirmation absorbs).
/// It keeps the message contract (<see cref="OrderPlaced"/>): body and attributes (correlation id, trace context)
/// move unchanged.
/// </summary>
public sealed class OrderQueueOperations(IAmazonSQS sqs, IOptions<QueueOptions> queues)
{
    /// <summary>Enough for any plausible incident, and well inside the Storefront function's 30-second timeout.</summary>
    public const int MaxMovedPerRedrive = 500;

    /// <summary>How long a dead letter being moved stays hidden, so a failed send leaves it to a later redrive.</summary>
    private const int MoveVisibilitySeconds = 60;

    public async Task<(QueueCounts Orders, QueueCounts DeadLetters)> CountAsync(CancellationToken cancellationToken)
    {
        var orders = CountAsync(queues.Value.Orders, cancellationToken);
        var deadLetters = CountAsync(queues.Value.OrdersDeadLetter, cancellationToken);
        return (await orders, await deadLetters);
    }

    /// <summary>
    /// Up to <paramref name="limit"/> (at most 10) dead letters, newest first. They are received with a visibility
    /// timeout of 0, so they stay available at once: nothing is taken from the queue.
    /// </summary>
    public async Task<IReadOnlyList<DeadLetter>> PeekDeadLettersAsync(int limit, CancellationToken cancellationToken)
    {
        var response = await sqs.ReceiveMessageAsync(new ReceiveMessageRequest
        {
            QueueUrl = queues.Value.OrdersDeadLetter,
            MaxNumberOfMessages = Math.Clamp(limit, 1, 10),
            VisibilityTimeout = 0,
            WaitTimeSeconds = 0,
            MessageSystemAttributeNames = ["SentTimestamp"],
            MessageAttributeNames = ["CorrelationId"],
        }, cancellationToken);
        return (response.Messages ?? [])
            .Select(m => new DeadLetter(
                m.MessageId,
                m.Attributes?.TryGetValue("SentTimestamp", out var sent) == true && long.TryParse(sent, CultureInfo.InvariantCulture, out var ms)
                    ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : null,
                OrderPlaced.TryParse(m.Body, out var order, out _) ? order!.OrderId : null,
                m.MessageAttributes?.GetValueOrDefault("CorrelationId")?.StringValue,
                m.Body ?? ""))
            .OrderByDescending(d => d.SentAt)
            .ToList();
    }

    /// <summary>Moves dead letters back to the orders queue, ten at a time, until none is left or the limit is reached.</summary>
    public async Task<RedriveResult> RedriveAsync(CancellationToken cancellationToken)
    {
        int moved = 0, failed = 0;
        while (moved < MaxMovedPerRedrive && failed == 0)
        {
            var received = await sqs.ReceiveMessageAsync(new ReceiveMessageRequest
            {
                QueueUrl = queues.Value.OrdersDeadLetter,
                MaxNumberOfMessages = 10,
                VisibilityTimeout = MoveVisibilitySeconds,
                WaitTimeSeconds = 0,
                MessageAttributeNames = ["All"],
            }, cancellationToken);
            if (received.Messages is not { Count: > 0 } messages)
            {
                break;
            }

            var sent = await sqs.SendMessageBatchAsync(new SendMessageBatchRequest
            {
                QueueUrl = queues.Value.Orders,
                Entries = messages.Select((m, i) => new SendMessageBatchRequestEntry(Id(i), m.Body)
                {
                    MessageAttributes = m.MessageAttributes is { Count: > 0 } attributes ? attributes : null,
                }).ToList(),
            }, cancellationToken);
            var delivered = (sent.Successful ?? []).Select(s => messages[int.Parse(s.Id, CultureInfo.InvariantCulture)]).ToList();
            failed += sent.Failed?.Count ?? 0;
            if (delivered.Count > 0)
            {
                await sqs.DeleteMessageBatchAsync(new DeleteMessageBatchRequest
                {
                    QueueUrl = queues.Value.OrdersDeadLetter,
                    Entries = delivered.Select((m, i) => new DeleteMessageBatchRequestEntry(Id(i), m.ReceiptHandle)).ToList(),
                }, cancellationToken);
            }
            moved += delivered.Count;
        }
        return new RedriveResult(moved, failed);
    }

    private async Task<QueueCounts> CountAsync(string queueUrl, CancellationToken cancellationToken)
    {
        var attributes = await sqs.GetQueueAttributesAsync(new GetQueueAttributesRequest
        {
            QueueUrl = queueUrl,
            AttributeNames = ["ApproximateNumberOfMessages", "ApproximateNumberOfMessagesDelayed", "ApproximateNumberOfMessagesNotVisible"],
        }, cancellationToken);
        return new QueueCounts(
            attributes.ApproximateNumberOfMessages + attributes.ApproximateNumberOfMessagesDelayed,
            attributes.ApproximateNumberOfMessagesNotVisible);
    }

    private static string Id(int index) => index.ToString(CultureInfo.InvariantCulture);
}
