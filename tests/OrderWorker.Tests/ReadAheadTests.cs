using System.Globalization;
using Amazon.SQS.Model;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OrderWorker.Queue;
using Shop.Shared.Aws;
using Shop.Shared.Orders;
using TestSupport;

namespace OrderWorker.Tests;

/// <summary>The local poller runs as the event source mapping does: it receives the next batch while the function
/// handles one, so a function instance never waits for a receive.</summary>
[Collection(WorkerCollection.Name)]
public sealed class ReadAheadTests(WorkerFixture fixture)
{
    /// <summary>Long enough for both batches to be seen in flight together, short enough to see them come back.</summary>
    private const int VisibilityTimeoutSeconds = 6;

    [Fact]
    public async Task The_next_batch_is_received_while_one_is_handled_and_a_worker_stopping_then_loses_neither()
    {
        var queue = (await fixture.Sqs.CreateQueueAsync(new CreateQueueRequest
        {
            QueueName = $"ReadAhead{Guid.NewGuid():N}",
            Attributes = new() { ["VisibilityTimeout"] = VisibilityTimeoutSeconds.ToString(CultureInfo.InvariantCulture) },
        })).QueueUrl;
        var settings = new Dictionary<string, string?>
        {
            ["Queues__Orders"] = queue,
            ["Queues__OrdersDeadLetter"] = queue,
            ["QueuePolling__Enabled"] = "true",
            ["QueuePolling__BatchSize"] = "1",
            ["QueuePolling__Concurrency"] = "1",
        };
        var orderQueue = new OrderQueue(fixture.Sqs, Options.Create(new QueueOptions { Orders = queue, OrdersDeadLetter = queue }));
        var orders = new List<Order>();
        for (var i = 0; i < 2; i++)
        {
            var order = await fixture.PlacePendingOrderAsync(new OrderLine("enamel-camp-mug", "Enamel Camp Mug", 14.50m, 1));
            orders.Add(order);
            await orderQueue.SendAsync(new OrderPlaced(order.OrderId, order.ShopperId, order.PlacedAt), order.CorrelationId, CancellationToken.None);
        }

        // One poller, batches of one: the first batch is held in the function until the worker stops.
        var held = new HeldInvocations();
        var stopped = fixture.CreateWorker(settings, services => services.AddHttpClient<FunctionInvocation>().AddHttpMessageHandler(() => held));
        (int Visible, int InFlight) counts;
        try
        {
            await held.First.WaitAsync(TimeSpan.FromSeconds(30));
            counts = await CountsWhenAsync(queue, c => c == (0, 2), TimeSpan.FromSeconds(VisibilityTimeoutSeconds - 1));
        }
        finally
        {
            await stopped.DisposeAsync();
        }

        // Neither the held batch nor the one received ahead was deleted: both come back to the next worker.
        await using var next = fixture.CreateWorker(settings);
        var mailbox = new Mailbox(fixture.Names.SesUrl);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline && (await Task.WhenAll(orders.Select(o => mailbox.CountAsync(o.ShopperEmail)))).Any(c => c == 0))
        {
            await Task.Delay(100);
        }
        var store = next.Services.GetRequiredService<OrderStore>();

        Assert.Equal((0, 2), counts);
        Assert.Equal(1, held.Count);
        Assert.All(await Task.WhenAll(orders.Select(o => store.FindAsync(o.ShopperId, o.OrderId, CancellationToken.None))),
            stored => Assert.Equal(OrderStatus.Confirmed, stored!.Status));
        Assert.All(await Task.WhenAll(orders.Select(o => mailbox.CountAsync(o.ShopperEmail))), count => Assert.Equal(1, count));
        Assert.Equal((0, 0), await CountsWhenAsync(queue, c => c == (0, 0), TimeSpan.FromSeconds(10)));
    }

    /// <summary>The queue's counts once <paramref name="expected"/> holds, or when <paramref name="timeout"/> ends.</summary>
    private async Task<(int Visible, int InFlight)> CountsWhenAsync(string queue, Func<(int Visible, int InFlight), bool> expected, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var attributes = await fixture.Sqs.GetQueueAttributesAsync(queue, ["ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible"]);
            var counts = (attributes.ApproximateNumberOfMessages, attributes.ApproximateNumberOfMessagesNotVisible);
            if (expected(counts) || DateTime.UtcNow >= deadline)
            {
                return counts;
            }
            await Task.Delay(50);
        }
    }

    /// <summary>Holds every invocation until it is cancelled (the worker stopping), counting them.</summary>
    private sealed class HeldInvocations : DelegatingHandler
    {
        private readonly TaskCompletionSource _first = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _count;

        public Task First => _first.Task;

        public int Count => _count;

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _count);
            _first.TrySetResult();
            await Task.Delay(Timeout.Infinite, cancellationToken);
            throw new OperationCanceledException(cancellationToken);
        }
    }
}
