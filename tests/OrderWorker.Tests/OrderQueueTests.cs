using System.Net;
using System.Net.Http.Json;
using Amazon.SQS.Model;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OrderWorker.Queue;
using Shop.Shared.Aws;
using Shop.Shared.Orders;

namespace OrderWorker.Tests;

[Collection(WorkerCollection.Name)]
public sealed class OrderQueueTests(WorkerFixture fixture)
{
    [Fact]
    public async Task An_order_sent_to_the_queue_is_received_handled_and_deleted()
    {
        var (worker, queue, _) = await fixture.CreateWorkerOnFastQueuesAsync();
        await using var _ = worker;
        var orders = new OrderQueue(fixture.Sqs, Options.Create(new QueueOptions { Orders = queue, OrdersDeadLetter = queue }));
        var placed = await fixture.PlacePendingOrderAsync(new OrderLine("enamel-camp-mug", "Enamel Camp Mug", 14.50m, 1));
        var order = new OrderPlaced(placed.OrderId, placed.ShopperId, placed.PlacedAt);

        await orders.SendAsync(order, "correlation-1", CancellationToken.None);
        await worker.Services.GetRequiredService<OrderQueuePoller>().PollOnceAsync(CancellationToken.None);

        var counts = await CountsAsync(queue);
        Assert.Equal((0, 0), counts);
    }

    [Fact]
    public async Task An_empty_long_poll_returns_no_messages_without_error()
    {
        var (worker, queue, _) = await fixture.CreateWorkerOnFastQueuesAsync();
        await using var _ = worker;

        var response = await fixture.Sqs.ReceiveMessageAsync(new ReceiveMessageRequest { QueueUrl = queue, WaitTimeSeconds = 1 });
        await worker.Services.GetRequiredService<OrderQueuePoller>().PollOnceAsync(CancellationToken.None);

        Assert.Empty(response.Messages ?? []);
    }

    [Fact]
    public async Task A_malformed_message_is_redelivered_after_the_visibility_timeout_then_moved_to_the_dead_letter_queue()
    {
        var (worker, queue, deadLetter) = await fixture.CreateWorkerOnFastQueuesAsync();
        await using var _ = worker;
        var poller = worker.Services.GetRequiredService<OrderQueuePoller>();
        var sent = await fixture.Sqs.SendMessageAsync(queue, "{ not json");

        // First delivery fails and stays in flight; once the visibility timeout ends it is delivered again.
        await poller.PollOnceAsync(CancellationToken.None);
        Assert.Equal((0, 1), await CountsAsync(queue));
        var redelivered = await ReceiveUntilAsync(queue, TimeSpan.FromSeconds(10));
        Assert.Equal(sent.MessageId, redelivered.MessageId);
        Assert.Equal("2", redelivered.Attributes["ApproximateReceiveCount"]);

        // maxReceiveCount is 2: once visible again, the next receive moves it to the dead-letter queue instead.
        Message? dead = null;
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (dead is null && DateTime.UtcNow < deadline)
        {
            await poller.PollOnceAsync(CancellationToken.None);
            dead = (await fixture.Sqs.ReceiveMessageAsync(new ReceiveMessageRequest { QueueUrl = deadLetter })).Messages?.SingleOrDefault();
        }
        Assert.NotNull(dead);
        Assert.Equal("{ not json", dead.Body);
        Assert.Equal((0, 0), await CountsAsync(queue));
    }

    [Fact]
    public async Task The_events_endpoint_reports_only_the_failed_records_of_a_batch()
    {
        await using var worker = fixture.CreateWorker();
        using var client = worker.CreateClient();
        var placed = await fixture.PlacePendingOrderAsync(new OrderLine("enamel-camp-mug", "Enamel Camp Mug", 14.50m, 1));
        var good = new OrderPlaced(placed.OrderId, placed.ShopperId, placed.PlacedAt).ToJson();

        var response = await client.PostAsync("/events", LambdaEvents.Sqs(("m-good", good), ("m-bad", "[]")));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var result = await response.Content.ReadFromJsonAsync<BatchResponse>();
        Assert.Equal(["m-bad"], result!.BatchItemFailures.Select(f => f.ItemIdentifier));
    }

    [Fact]
    public async Task The_events_endpoint_answers_400_to_something_that_is_not_an_SQS_event()
    {
        await using var worker = fixture.CreateWorker();
        using var client = worker.CreateClient();

        var response = await client.PostAsync("/events", new StringContent("nonsense", System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    private async Task<Message> ReceiveUntilAsync(string queue, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            var response = await fixture.Sqs.ReceiveMessageAsync(new ReceiveMessageRequest
            {
                QueueUrl = queue,
                WaitTimeSeconds = 1,
                MessageSystemAttributeNames = ["ApproximateReceiveCount"],
            });
            if (response.Messages is { Count: > 0 } messages)
            {
                return Assert.Single(messages);
            }
        }
        throw new TimeoutException($"No message on {queue} within {timeout}.");
    }

    private async Task<(int Visible, int InFlight)> CountsAsync(string queue)
    {
        var attributes = await fixture.Sqs.GetQueueAttributesAsync(queue, ["ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible"]);
        return (attributes.ApproximateNumberOfMessages, attributes.ApproximateNumberOfMessagesNotVisible);
    }
}
