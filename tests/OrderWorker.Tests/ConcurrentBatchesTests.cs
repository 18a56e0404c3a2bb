using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OrderWorker.Queue;
using Shop.Shared.Aws;
using Shop.Shared.Orders;
using TestSupport;

namespace OrderWorker.Tests;

/// <summary>The local poller runs several batches at once, as Lambda's event source mapping does.</summary>
[Collection(WorkerCollection.Name)]
public sealed class ConcurrentBatchesTests(WorkerFixture fixture)
{
    private const int Concurrency = 3;

    [Fact]
    public async Task Polling_runs_several_batches_at_once_and_each_order_delivered_twice_is_confirmed_with_one_email()
    {
        var batches = new BatchesInFlight(Concurrency);
        var (worker, queue, _) = await fixture.CreateWorkerOnFastQueuesAsync(
            new()
            {
                ["QueuePolling__Enabled"] = "true",
                ["QueuePolling__BatchSize"] = "1",
                ["QueuePolling__Concurrency"] = Concurrency.ToString(System.Globalization.CultureInfo.InvariantCulture),
            },
            services => services.AddHttpClient<FunctionInvocation>().AddHttpMessageHandler(() => batches));
        await using var _ = worker;
        var orderQueue = new OrderQueue(fixture.Sqs, Options.Create(new QueueOptions { Orders = queue, OrdersDeadLetter = queue }));
        var orders = new List<Order>();
        for (var i = 0; i < 2 * Concurrency; i++)
        {
            var order = await fixture.PlacePendingOrderAsync(new OrderLine("enamel-camp-mug", "Enamel Camp Mug", 14.50m, 1));
            orders.Add(order);
            for (var delivery = 0; delivery < 2; delivery++)
            {
                await orderQueue.SendAsync(new OrderPlaced(order.OrderId, order.ShopperId, order.PlacedAt), order.CorrelationId, CancellationToken.None);
            }
        }

        var mailbox = new Mailbox(fixture.Names.SesUrl);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline && (await Task.WhenAll(orders.Select(o => mailbox.CountAsync(o.ShopperEmail)))).Any(c => c == 0))
        {
            await Task.Delay(100);
        }
        var store = worker.Services.GetRequiredService<OrderStore>();

        Assert.Equal(Concurrency, batches.MostAtOnce);
        Assert.All(await Task.WhenAll(orders.Select(o => store.FindAsync(o.ShopperId, o.OrderId, CancellationToken.None))),
            stored => Assert.Equal(OrderStatus.Confirmed, stored!.Status));
        Assert.All(await Task.WhenAll(orders.Select(o => mailbox.CountAsync(o.ShopperEmail))), count => Assert.Equal(1, count));
    }

    /// <summary>Counts the batches POSTed to /events at once, holding each until <paramref name="expected"/> are in
    /// flight (or a few seconds pass, so a poller that runs one batch at a time still finishes, and fails the test).</summary>
    private sealed class BatchesInFlight(int expected) : DelegatingHandler
    {
        private readonly TaskCompletionSource _reached = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _inFlight;

        public int MostAtOnce { get; private set; }

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var now = Interlocked.Increment(ref _inFlight);
            lock (_reached)
            {
                MostAtOnce = Math.Max(MostAtOnce, now);
            }
            if (now >= expected)
            {
                _reached.TrySetResult();
            }
            try
            {
                await Task.WhenAny(_reached.Task, Task.Delay(TimeSpan.FromSeconds(3), cancellationToken));
                return await base.SendAsync(request, cancellationToken);
            }
            finally
            {
                Interlocked.Decrement(ref _inFlight);
            }
        }
    }
}
