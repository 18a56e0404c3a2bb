using System.Diagnostics;
using LocalDev.FaultProxy;
using LocalDev.LocalAws;
using Microsoft.Extensions.Options;
using Shop.Shared.Aws;
using Shop.Shared.Orders;
using Xunit.Abstractions;

namespace Faults.Tests;

/// <summary>
/// Issue 19's burst: 300 orders from 20 signed-in shoppers with carts, through proxies that throttle 10 % of the calls
/// to DynamoDB, SQS and SES and fail 2 % with a 500 or a dropped connection (before or after the call), while the
/// worker confirms them, is restarted once in the middle, and gets some messages twice. Then the tables, the queues
/// and the mailbox must show nothing lost and nothing doubled. The figures go to the test output and to
/// <c>test-results/fault-injection.txt</c>, which ./test.sh prints.
/// </summary>
public sealed class OrderBurstTests(FaultyShop shop, ITestOutputHelper output) : IClassFixture<FaultyShop>
{
    private const int Shoppers = 20;
    private const int OrdersPerShopper = 15;
    private const int Products = 8;
    private const int StartingStock = 1000;

    /// <summary>Of the orders accepted before the restart, every this-many-th gets its message sent a second time.</summary>
    private const int DeliveredTwiceEvery = 5;

    private static readonly FaultPlan Faults = new(ThrottleShare: 0.10, ErrorShare: 0.02);

    /// <summary>How long after the last checkout every order must be CONFIRMED and emailed: the visibility timeout and
    /// the sweep's delay several times over.</summary>
    private static readonly TimeSpan SettledWithin = TimeSpan.FromSeconds(120);

    [Fact]
    public async Task Under_injected_faults_a_worker_restart_and_messages_delivered_twice_every_accepted_order_is_confirmed_and_emailed_once_and_nothing_is_lost_or_doubled()
    {
        var products = await shop.CreateProductsAsync(Products, StartingStock);
        shop.StartStorefront();
        var log = new ShopperLog();
        var shoppers = Enumerable.Range(0, Shoppers).Select(_ => new BurstShopper(shop.Origin, log)).ToList();
        // Signing up goes through the identity provider, which is not under test: before any fault.
        foreach (var shopper in shoppers)
        {
            await shopper.SignUpAsync(shop.Mailbox);
        }
        shop.StartWorker();
        shop.InjectFaults(Faults);

        var burst = Stopwatch.StartNew();
        var midway = new MidwayRestart(shop, Shoppers * OrdersPerShopper / 2);
        await Task.WhenAll(shoppers.Select((shopper, i) => ShopAsync(shopper, products, new Random(FaultyShop.Seed + i), log, midway)));
        var burstTime = burst.Elapsed;
        await midway.Done;
        var settled = await SettleAsync(log);
        var settleTime = burst.Elapsed - burstTime;
        shop.InjectFaults(FaultPlan.Off);
        await shop.StopWorkerAsync();

        var figures = await BurstFigures.GatherAsync(shop, log, shoppers, products, StartingStock, midway.DeliveredTwice, burstTime, settleTime);
        figures.Write(output);
        Assert.True(settled, $"Not every accepted order was CONFIRMED and emailed with the queue drained within {SettledWithin.TotalSeconds} s.");
        Assert.Empty(log.Unexpected);
        Assert.Equal(Shoppers * OrdersPerShopper, log.Accepted.Count);
        Assert.Empty(figures.AcceptedButMissing);
        Assert.Empty(figures.NeverTold);
        Assert.Empty(figures.NotConfirmed);
        Assert.Empty(figures.StockMismatches);
        Assert.Empty(figures.NotEmailedOnce);
        Assert.Equal(0, figures.DeadLetters);
    }

    private static async Task ShopAsync(BurstShopper shopper, IReadOnlyList<string> products, Random random, ShopperLog log, MidwayRestart midway)
    {
        for (var i = 0; i < OrdersPerShopper; i++)
        {
            var lines = products.OrderBy(_ => random.Next()).Take(random.Next(1, 3)).Select(p => (p, random.Next(1, 4))).ToList();
            if (await shopper.PlaceOrderAsync(lines) is not { } orderId)
            {
                return; // the log says why; the test fails on it
            }
            await shopper.LookAtOrderAsync(orderId);
            midway.Accepted();
        }
    }

    /// <summary>Waits until every accepted order is CONFIRMED and emailed and the orders queue is empty.</summary>
    private async Task<bool> SettleAsync(ShopperLog log)
    {
        using var dynamo = shop.Names.DynamoDb();
        using var sqs = shop.Names.Sqs();
        var deadline = DateTime.UtcNow + SettledWithin;
        while (DateTime.UtcNow < deadline)
        {
            var orders = await BurstFigures.OrdersAsync(dynamo);
            var queue = await sqs.GetQueueAttributesAsync(shop.OrdersQueue, ["ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible"]);
            if (orders.Count >= log.Accepted.Count && orders.All(o => o.Status == OrderStatus.Confirmed && o.EmailSentAt is not null)
                && queue.ApproximateNumberOfMessages + queue.ApproximateNumberOfMessagesNotVisible == 0)
            {
                return true;
            }
            await Task.Delay(500);
        }
        return false;
    }

    /// <summary>Once half the orders are accepted: restarts the worker and sends a second message for some of the
    /// orders placed so far (SQS delivers at least once).</summary>
    private sealed class MidwayRestart(FaultyShop shop, int after)
    {
        private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _accepted;

        /// <summary>Done restarting and redelivering (at once if the burst never got half way: the test fails then anyway).</summary>
        public Task Done => Volatile.Read(ref _accepted) >= after ? _done.Task : Task.CompletedTask;
        public int DeliveredTwice { get; private set; }

        public void Accepted()
        {
            if (Interlocked.Increment(ref _accepted) == after)
            {
                _ = Task.Run(RestartAndRedeliverAsync);
            }
        }

        private async Task RestartAndRedeliverAsync()
        {
            try
            {
                await shop.RestartWorkerAsync();
                using var dynamo = shop.Names.DynamoDb();
                using var sqs = shop.Names.Sqs();
                var queue = new OrderQueue(sqs, Options.Create(new QueueOptions { Orders = shop.OrdersQueue, OrdersDeadLetter = shop.DeadLetterQueue }));
                var orders = await BurstFigures.OrdersAsync(dynamo);
                foreach (var order in orders.Where((_, i) => i % DeliveredTwiceEvery == 0))
                {
                    await queue.SendAsync(new OrderPlaced(order.OrderId, order.ShopperId, order.PlacedAt), order.CorrelationId, CancellationToken.None);
                    DeliveredTwice++;
                }
                _done.SetResult();
            }
            catch (Exception e)
            {
                _done.SetException(e);
            }
        }
    }
}
