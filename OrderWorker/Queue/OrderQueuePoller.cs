using System.Net.Http.Json;
using Amazon.SQS;
using Amazon.SQS.Model;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;
using Shop.Shared.Aws;

namespace OrderWorker.Queue;

/// <summary>
/// Does locally what Lambda's event source mapping does in AWS: long-polls the orders queue, POSTs each batch as
/// Lambda's SQS event JSON to this app's own <c>/events</c> (so local runs take the Lambda code path), and deletes
/// the messages that did not fail; <see cref="QueuePollingOptions.Concurrency"/> batches at once. Failed ones reappear after the visibility timeout and go to the dead-letter queue
/// after the redrive policy's maxReceiveCount.
/// </summary>
public sealed class OrderQueuePoller(
    HttpClient http, IServer server, IHostApplicationLifetime lifetime, IAmazonSQS sqs,
    IOptions<QueueOptions> queues, IOptions<QueuePollingOptions> polling, IOptions<AwsOptions> aws,
    ILogger<OrderQueuePoller> logger) : BackgroundService
{
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

        var sqsEvent = new SqsEvent(messages.Select(ToRecord).ToList());
        using var answer = await http.PostAsJsonAsync(new Uri(OwnAddress(), "/events"), sqsEvent, cancellationToken);
        answer.EnsureSuccessStatusCode(); // As in Lambda: a failed invocation leaves the whole batch to come back.
        var result = await answer.Content.ReadFromJsonAsync<BatchResponse>(cancellationToken);
        var failed = (result?.BatchItemFailures ?? []).Select(f => f.ItemIdentifier).ToHashSet();
        var done = messages.Where(m => !failed.Contains(m.MessageId)).ToList();
        if (done.Count > 0)
        {
            await sqs.DeleteMessageBatchAsync(new DeleteMessageBatchRequest
            {
                QueueUrl = queues.Value.Orders,
                Entries = done.Select((m, i) => new DeleteMessageBatchRequestEntry(i.ToString(System.Globalization.CultureInfo.InvariantCulture), m.ReceiptHandle)).ToList(),
            }, cancellationToken);
        }
    }

    private Uri OwnAddress()
    {
        var address = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault()
            ?? throw new InvalidOperationException("The server has no address yet.");
        // A wildcard listen address is reached on loopback.
        return new Uri(address.Replace("://+", "://127.0.0.1").Replace("://*", "://127.0.0.1")
            .Replace("://[::]", "://127.0.0.1").Replace("://0.0.0.0", "://127.0.0.1"));
    }

    private SqsRecord ToRecord(Message message) => new(
        message.MessageId,
        message.ReceiptHandle,
        message.Body,
        message.Attributes ?? [],
        (message.MessageAttributes ?? []).ToDictionary(a => a.Key, a => new SqsMessageAttribute(a.Value.StringValue, a.Value.DataType)),
        message.MD5OfBody,
        "aws:sqs",
        null,
        aws.Value.Region);
}
