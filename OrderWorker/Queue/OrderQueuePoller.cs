using Amazon.SQS;
using Amazon.SQS.Model;
using Microsoft.Extensions.Options;
using Shop.Shared.Aws;

namespace OrderWorker.Queue;

/// <summary>
/// Does locally what Lambda's event source mapping does in AWS: long-polls the orders queue, invokes the function
/// with each batch (<see cref="FunctionInvocation"/>), and deletes the messages that did not fail; failed ones
/// reappear after the visibility timeout and go to the dead-letter queue after the redrive policy's maxReceiveCount.
/// <see cref="QueuePollingOptions.Concurrency"/> pollers, each with one batch in the function at a time.
/// The mapping's pollers receive and delete outside the function ("Lambda polls the queue and invokes your function
/// ... When your function successfully processes a batch, Lambda deletes its messages from the queue",
/// https://docs.aws.amazon.com/lambda/latest/dg/with-sqs.html; the pollers are "processes that are reading batches",
/// https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-scaling.html), so a function instance never waits for
/// either: each poller here receives its next batch while the function handles one, and deletes a handled batch
/// while the function handles the next. Bounded: one batch received ahead and one delete in flight per poller.
/// </summary>
public sealed class OrderQueuePoller(
    FunctionInvocation function, IHostApplicationLifetime lifetime, IAmazonSQS sqs,
    IOptions<QueueOptions> queues, IOptions<QueuePollingOptions> polling, ILogger<OrderQueuePoller> logger) : BackgroundService
{
    /// <summary>How long a poller waits after a failed call before going on, so a failing queue or app is not hammered.</summary>
    private static readonly TimeSpan PauseAfterFailure = TimeSpan.FromSeconds(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // /events only answers once the server listens.
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using (lifetime.ApplicationStarted.Register(() => started.TrySetResult()))
        using (stoppingToken.Register(() => started.TrySetCanceled(stoppingToken)))
        {
            await started.Task;
        }
        await Task.WhenAll(Enumerable.Range(0, polling.Value.Concurrency).Select(_ => PollUntilStoppedAsync(stoppingToken)));
    }

    private async Task PollUntilStoppedAsync(CancellationToken stoppingToken)
    {
        var deleting = Task.CompletedTask;
        try
        {
            var next = ReceiveAsync(stoppingToken);
            while (true)
            {
                var batch = await next;
                next = ReceiveAsync(stoppingToken);
                if (batch.Count == 0)
                {
                    continue;
                }
                var handled = await InvokeAsync(batch, stoppingToken);
                await deleting;
                deleting = DeleteAsync(handled);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // A batch received ahead, or cancelled in the function, is not deleted: it becomes visible again after
            // the visibility timeout, and its orders are handled then.
        }
        finally
        {
            await deleting;
        }
    }

    /// <summary>One receive, invocation and delete, one after another (for tests that step through the queue).</summary>
    public async Task PollOnceAsync(CancellationToken cancellationToken)
    {
        var batch = await ReceiveBatchAsync(cancellationToken);
        if (batch.Count > 0)
        {
            await DeleteAsync(await function.HandledAsync(batch, cancellationToken));
        }
    }

    private async Task<IReadOnlyList<Message>> ReceiveAsync(CancellationToken stoppingToken)
    {
        try
        {
            return await ReceiveBatchAsync(stoppingToken);
        }
        catch (Exception e) when (!stoppingToken.IsCancellationRequested)
        {
            logger.LogError(e, "Polling the orders queue failed; retrying");
            await Task.Delay(PauseAfterFailure, stoppingToken);
            return [];
        }
    }

    private async Task<IReadOnlyList<Message>> ReceiveBatchAsync(CancellationToken cancellationToken)
    {
        var response = await sqs.ReceiveMessageAsync(new ReceiveMessageRequest
        {
            QueueUrl = queues.Value.Orders,
            MaxNumberOfMessages = polling.Value.BatchSize,
            WaitTimeSeconds = polling.Value.WaitTimeSeconds,
            MessageSystemAttributeNames = ["All"],
            MessageAttributeNames = ["All"],
        }, cancellationToken);
        return response.Messages ?? [];
    }

    /// <summary>The batch's handled messages; none when the invocation failed (the whole batch comes back).</summary>
    private async Task<IReadOnlyList<Message>> InvokeAsync(IReadOnlyList<Message> batch, CancellationToken stoppingToken)
    {
        try
        {
            return await function.HandledAsync(batch, stoppingToken);
        }
        catch (Exception e) when (!stoppingToken.IsCancellationRequested)
        {
            logger.LogError(e, "Invoking the function with {Count} messages failed; they come back after the visibility timeout", batch.Count);
            await Task.Delay(PauseAfterFailure, stoppingToken);
            return [];
        }
    }

    private async Task DeleteAsync(IReadOnlyList<Message> handled)
    {
        if (handled.Count == 0)
        {
            return;
        }
        try
        {
            // Not cancelled when the app stops: what was handled is deleted before it ends.
            await sqs.DeleteMessageBatchAsync(new DeleteMessageBatchRequest
            {
                QueueUrl = queues.Value.Orders,
                Entries = handled.Select((m, i) => new DeleteMessageBatchRequestEntry(i.ToString(System.Globalization.CultureInfo.InvariantCulture), m.ReceiptHandle)).ToList(),
            }, CancellationToken.None);
        }
        catch (Exception e)
        {
            // Handling is idempotent: a message whose delete failed comes back and finds its work done.
            logger.LogError(e, "Deleting {Count} handled messages failed; they come back after the visibility timeout", handled.Count);
        }
    }
}
