using Amazon.SQS;
using Amazon.SQS.Model;
using Microsoft.Extensions.Options;
using Shop.Shared.Aws;

namespace OrderWorker.Queue;

/// <summary>
/// Does locally what Lambda's event source mapping does in AWS: long-polls the orders queue, hands each batch to
/// <see cref="OrderEventBatch"/>, and deletes the messages that succeeded. Failed ones reappear after the
/// visibility timeout and go to the dead-letter queue after the redrive policy's maxReceiveCount.
/// </summary>
public sealed class OrderQueuePoller(
    IAmazonSQS sqs, OrderEventBatch batch, IOptions<QueueOptions> queues, IOptions<QueuePollingOptions> polling,
    ILogger<OrderQueuePoller> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await PollOnceAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "Polling the orders queue failed; retrying");
                await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken);
            }
        }
    }

    public async Task PollOnceAsync(CancellationToken cancellationToken)
    {
        var response = await sqs.ReceiveMessageAsync(new ReceiveMessageRequest
        {
            QueueUrl = queues.Value.Orders,
            MaxNumberOfMessages = polling.Value.BatchSize,
            WaitTimeSeconds = polling.Value.WaitTimeSeconds,
            MessageSystemAttributeNames = ["All"],
            MessageAttributeNames = ["All"],
        }, cancellationToken);
        if (response.Messages is not { Count: > 0 } messages)
        {
            return;
        }

        var records = messages.Select(ToRecord).ToList();
        var result = await batch.HandleAsync(records, cancellationToken);
        var failed = result.BatchItemFailures.Select(f => f.ItemIdentifier).ToHashSet();
        var done = messages.Where(m => !failed.Contains(m.MessageId)).ToList();
        if (done.Count > 0)
        {
            await sqs.DeleteMessageBatchAsync(new DeleteMessageBatchRequest
            {
                QueueUrl = queues.Value.Orders,
                Entries = done.Select((m, i) => new DeleteMessageBatchRequestEntry(i.ToString(), m.ReceiptHandle)).ToList(),
            }, cancellationToken);
        }
    }

    private static SqsRecord ToRecord(Message message) => new(
        message.MessageId,
        message.ReceiptHandle,
        message.Body,
        message.Attributes ?? [],
        (message.MessageAttributes ?? []).ToDictionary(a => a.Key, a => new SqsMessageAttribute(a.Value.StringValue, a.Value.DataType)));
}
