using System.Collections.Concurrent;
using System.Diagnostics;
using Bench.Measure;
using Bench.Ordering;
using Bench.Stack;
using LocalDev.FaultProxy;
using LocalDev.LocalAws;

namespace Bench.Pipeline;

/// <summary>
/// Measure 4, the order pipeline, against <see cref="QueueBaseline"/>:
/// <list type="bullet">
/// <item>throughput: with the worker stopped, orders pile up in the queue (first the checkout measurement's, then
/// backlogs of <see cref="BenchOptions.BacklogOrdersPerShopper"/> orders from each of the 32 shoppers); then the worker starts and empties
/// the queue. Orders/s = orders ÷ time from the first to the last confirmation (its start-up is not counted);</item>
/// <item>latency: with the worker running and idle, one shopper places an order every 300 ms; accepted → CONFIRMED
/// is ConfirmedAt − PlacedAt as the two apps wrote them (what the OrderConfirmationLatency metric reports).</item>
/// </list>
/// </summary>
public sealed class PipelineBench(BenchStack stack, string workerExecutable, IReadOnlyList<Shopper> shoppers, IReadOnlyList<string> products, BenchOptions options)
{
    /// <summary>The warm-up backlog a worker instance drains, not counted, before a measured one: 320 orders, about 32
    /// batches, so that code run once a batch (the invocation, the receive and the delete) is also called the 30 times
    /// after which .NET's tiered compilation compiles a method again, optimised.</summary>
    private const int WarmUpOrdersPerShopper = 10;

    public async Task<IReadOnlyList<Row>> RunAsync(IReadOnlyCollection<string> checkoutBacklog)
    {
        using var ledger = new OrderLedger(stack.Names);
        using var queue = await QueueBaseline.CreateAsync(stack.Names);

        var rates = new List<Drain>();
        for (var run = 0; run < options.Rounds; run++)
        {
            var backlog = run == 0 && checkoutBacklog.Count > 0 ? checkoutBacklog : await PlaceBacklogAsync(options.BacklogOrdersPerShopper);
            var drain = await DrainAsync(ledger, queue, backlog, stack.OrderWorkerSettings());
            rates.Add(drain);
            Console.WriteLine($"  drain {run + 1}: worker confirmed {drain.Orders} of {backlog.Count} at {drain.Worker:0.0}/s; bare consumer {drain.Bare:0}/s");
            Console.WriteLine($"    CPU per order: {drain.WorkerCpu.Describe("worker")}; per bare message: {drain.BareCpu.Describe(null)}");
        }

        var waiting = await DrainWithRoundTripsAsync(ledger);

        var latencies = new List<(List<double> Orders, List<double> Probes)>();
        await using (await StartWorkerAsync())
        {
            using var stop = new CancellationTokenSource();
            var consumer = queue.ConsumeProbesAsync(stop.Token);
            await Task.Delay(TimeSpan.FromSeconds(1)); // both consumers are now waiting in a long poll
            for (var round = 0; round < options.Rounds; round++)
            {
                var placed = new List<string>();
                for (var i = 0; i < options.PipelineOrdersPerRound; i++)
                {
                    await queue.SendProbeAsync();
                    if (await shoppers[0].PlaceOrderAsync(products[0]) is { } order)
                    {
                        placed.Add(order.OrderId);
                    }
                    await Task.Delay(TimeSpan.FromMilliseconds(300));
                }
                await ledger.WaitUntilNonePendingAsync(TimeSpan.FromMinutes(1));
                var orders = (await ledger.TimesAsync(placed)).Select(t => t.ConfirmationMs).OfType<double>().ToList();
                var probes = queue.TakeProbeLatencies();
                latencies.Add((orders, probes));
                Console.WriteLine($"  round {round + 1}: accepted → CONFIRMED p50 {Stats.Median(orders):0} p99 {Stats.P99(orders):0} ms ({orders.Count} orders); " +
                    $"queue alone p50 {Stats.Median(probes):0.0} ms");
            }
            await stop.CancelAsync();
            await consumer;
        }

        return
        [
            new Row(
                "Order pipeline: accepted → CONFIRMED p50 / p99",
                $"{Report.Ms(Stats.Median(latencies.Select(l => Stats.Median(l.Orders))))} / {Report.Ms(Stats.Median(latencies.Select(l => Stats.P99(l.Orders))))} ms",
                $"queue alone (send → bare long-poll receive) {Report.Ms(Stats.Median(latencies.Select(l => Stats.Median(l.Probes))))} / " +
                    $"{Report.Ms(Stats.Median(latencies.Select(l => Stats.P99(l.Probes))))} ms",
                $"{Report.Ratio(latencies.Select(l => Stats.Median(l.Orders) / Stats.Median(l.Probes)).ToList())} / " +
                    $"{Report.Ratio(latencies.Select(l => Stats.P99(l.Orders) / Stats.P99(l.Probes)).ToList())}",
                "p50 ≤ 300 ms"),
            new Row(
                "Order pipeline: worker throughput",
                $"{Report.Number(Stats.Median(rates.Select(r => r.Worker)), "0.0")} orders/s (backlogs of {string.Join(", ", rates.Select(r => r.Orders))})",
                $"bare consumer emptying the same number of messages: {Report.Number(Stats.Median(rates.Select(r => r.Bare)))} messages/s",
                Report.Ratio(rates.Select(r => r.Worker / r.Bare).ToList())),
            CpuRow("Order pipeline: CPU per order, worker throughput", rates),
            new Row(
                $"Order pipeline: one warm worker instance (one batch at a time, after a warm-up backlog of {WarmUpOrdersPerShopper * shoppers.Count} orders not counted), calls {RoundTrips.Describe()} slower as in AWS",
                $"{Report.Number(Stats.Median(waiting.Select(r => r.Worker)), "0.0")} orders/s (backlogs of {string.Join(", ", waiting.Select(r => r.Orders))})",
                $"bare consumer, its calls as slow, after as many warm-up messages: {Report.Number(Stats.Median(waiting.Select(r => r.Bare)))} messages/s",
                Report.Ratio(waiting.Select(r => r.Worker / r.Bare).ToList()),
                "≥ 0.5×"),
            CpuRow("Order pipeline: CPU per order, one worker instance with round trips", waiting),
            MemoryMeter.Describe("OrderWorker draining a backlog", rates.Concat(waiting).Max(r => r.PeakMb)),
        ];
    }

    /// <summary>Where the drains' CPU went, per order and per bare message (medians over the drains), beside the wall
    /// time per order (of the median throughput): processes' CPU adding up to about the cores times the wall time means
    /// the drain was bound by CPU.</summary>
    private static Row CpuRow(string name, List<Drain> drains) => new(
        name,
        $"{CpuPerMessage.Median(drains.Select(d => d.WorkerCpu).ToList()).Describe("worker")}; wall {Report.Ms(1000 / Stats.Median(drains.Select(d => d.Worker)))} ms an order",
        $"bare consumer: {CpuPerMessage.Median(drains.Select(d => d.BareCpu).ToList()).Describe(null)}; wall {Report.Ms(1000 / Stats.Median(drains.Select(d => d.Bare)))} ms a message",
        Report.Ratio(drains.Select(d => d.WorkerCpu.Total / d.BareCpu.Total).ToList()));

    /// <summary>
    /// The emulators answer on loopback at once, so locally a worker waits on nothing and is bound by their CPU;
    /// in AWS each call is a network round trip, and a worker that waits on one call at a time is billed for the
    /// waiting. Here every call of the worker and of the bare consumer goes through a proxy that adds AWS-like round
    /// trips (<see cref="RoundTrips"/>), and the worker runs one batch at a time, as one Lambda instance does, and
    /// warm, as an instance is after its first batches (<see cref="WarmDrainAsync"/>).
    /// </summary>
    private async Task<List<Drain>> DrainWithRoundTripsAsync(OrderLedger ledger)
    {
        await using var dynamo = await FaultInjectingProxy.StartAsync(AwsService.DynamoDB, stack.Names.DynamoDbUrl, seed: 1);
        await using var sqs = await FaultInjectingProxy.StartAsync(AwsService.Sqs, stack.Names.SqsUrl, seed: 2);
        await using var workerSqs = await FaultInjectingProxy.StartAsync(AwsService.Sqs, stack.Names.SqsUrl, seed: 4);
        await using var ses = await FaultInjectingProxy.StartAsync(AwsService.Ses, stack.Names.SesUrl, seed: 3);
        (dynamo.Plan, sqs.Plan, workerSqs.Plan, ses.Plan) =
            (FaultPlan.RoundTrip(RoundTrips.DynamoDb), FaultPlan.RoundTrip(RoundTrips.Sqs), FaultPlan.RoundTrip(RoundTrips.Sqs), FaultPlan.RoundTrip(RoundTrips.Ses));
        using var queue = await QueueBaseline.CreateAsync(stack.Names with { SqsUrl = sqs.Url });

        var settings = stack.OrderWorkerSettings();
        settings["Aws__ServiceUrls__DynamoDB"] = dynamo.Url;
        settings["Aws__ServiceUrls__SQS"] = workerSqs.Url;
        settings["Aws__ServiceUrls__SES"] = ses.Url;
        settings["QueuePolling__Concurrency"] = "1";
        // As the bare consumer's: a long poll that ends soon, so holding the worker (below) takes effect soon.
        settings["QueuePolling__WaitTimeSeconds"] = "1";

        var rates = new List<Drain>();
        for (var run = 0; run < options.Rounds; run++)
        {
            var (drain, backlog) = await WarmDrainAsync(ledger, queue, workerSqs, settings);
            rates.Add(drain);
            Console.WriteLine($"  drain {run + 1} with round trips: one warm worker instance confirmed {drain.Orders} of {backlog} at {drain.Worker:0.0}/s; bare consumer {drain.Bare:0}/s");
            Console.WriteLine($"    CPU per order: {drain.WorkerCpu.Describe("worker")}; per bare message: {drain.BareCpu.Describe(null)}");
        }
        return rates;
    }

    /// <summary>
    /// A Lambda instance pays its JIT and runtime warm-up on its first batches, then handles many more; a fresh worker
    /// process per drain carries that warm-up in every order it drains. So the worker first drains a warm-up backlog
    /// of <see cref="WarmUpOrdersPerShopper"/> orders from each shopper, not counted; then the bench answers its queue
    /// calls "throttled" at its proxy (<paramref name="workerSqs"/>: the call never reaches the queue) while the
    /// measured backlog is placed, so the backlog builds up as with the worker stopped, and lets them through again
    /// for the measured drain. The bare consumer, fairly, empties as many warm-up messages first, not counted.
    /// </summary>
    private async Task<(Drain Drain, int Backlog)> WarmDrainAsync(OrderLedger ledger, QueueBaseline queue, FaultInjectingProxy workerSqs, Dictionary<string, string> settings)
    {
        var warmUp = await PlaceBacklogAsync(WarmUpOrdersPerShopper);
        await using var worker = await StartWorkerAsync(settings);
        await UntilDrainedAsync(ledger);

        var polling = workerSqs.Plan;
        var throttledBefore = workerSqs.Counts.GetValueOrDefault(Fault.Throttle);
        workerSqs.Plan = new FaultPlan(ThrottleShare: 1, ErrorShare: 0) { Latency = polling.Latency };
        // Its long poll under way when the hold began may still take messages: wait for its next call, held.
        var held = Stopwatch.StartNew();
        while (workerSqs.Counts.GetValueOrDefault(Fault.Throttle) == throttledBefore && held.Elapsed < TimeSpan.FromSeconds(30))
        {
            await Task.Delay(TimeSpan.FromMilliseconds(50));
        }
        var backlog = await PlaceBacklogAsync(options.BacklogOrdersPerShopper);
        await queue.DrainRateAsync(warmUp.Count);
        var (bare, bareCpu) = await queue.DrainRateAsync(backlog.Count);

        workerSqs.Plan = polling;
        var (ready, cpu) = (DateTimeOffset.UtcNow, DrainCpu.Start(worker.Id));
        await UntilDrainedAsync(ledger);
        cpu.Stop();
        var peakMb = MemoryMeter.PeakMb(worker.Id);
        return (Measured(await ledger.TimesAsync(backlog), ready, cpu, bare, bareCpu, peakMb), backlog.Count);
    }

    /// <summary>One backlog emptied by the worker (orders/s from its first to its last confirmation) and, before it,
    /// the same number of messages by the bare consumer (messages/s); the CPU each order and each message cost; the
    /// worker's peak memory.</summary>
    private sealed record Drain(double Worker, double Bare, int Orders, double PeakMb, CpuPerMessage WorkerCpu, CpuPerMessage BareCpu);

    private async Task<Drain> DrainAsync(OrderLedger ledger, QueueBaseline queue, IReadOnlyCollection<string> backlog, Dictionary<string, string> workerSettings)
    {
        var (bare, bareCpu) = await queue.DrainRateAsync(backlog.Count);
        double peakMb;
        DateTimeOffset ready;
        DrainCpu cpu;
        await using (var worker = await StartWorkerAsync(workerSettings))
        {
            // Its start-up is not the drain's: CPU from here on, per order confirmed from here on.
            (ready, cpu) = (DateTimeOffset.UtcNow, DrainCpu.Start(worker.Id));
            await UntilDrainedAsync(ledger);
            cpu.Stop();
            peakMb = MemoryMeter.PeakMb(worker.Id);
        }
        return Measured(await ledger.TimesAsync(backlog), ready, cpu, bare, bareCpu, peakMb);
    }

    /// <summary>The drain of a backlog whose orders have these times: orders/s from its first to its last
    /// confirmation, and CPU per order confirmed since <paramref name="ready"/>.</summary>
    private static Drain Measured(IReadOnlyList<OrderTimes> backlog, DateTimeOffset ready, DrainCpu cpu, double bare, CpuPerMessage bareCpu, double peakMb)
    {
        var confirmed = backlog.Where(t => t.ConfirmedAt is not null).Select(t => t.ConfirmedAt!.Value).ToList();
        var workerCpu = cpu.PerMessage(confirmed.Count(at => at >= ready));
        var rate = (confirmed.Count - 1) / (confirmed.Max() - confirmed.Min()).TotalSeconds;
        return new Drain(rate, bare, confirmed.Count, peakMb, workerCpu, bareCpu);
    }

    /// <summary>Until the running worker has confirmed every order, sent the emails and deleted the messages.</summary>
    private async Task UntilDrainedAsync(OrderLedger ledger)
    {
        if (!await ledger.WaitUntilNonePendingAsync(TimeSpan.FromMinutes(5)))
        {
            Console.WriteLine("  the worker did not confirm every order within 5 minutes");
        }
        // Confirmed is not done: let it send the emails and delete the messages before it stops.
        await WaitUntilOrdersQueueEmptyAsync();
    }

    /// <summary>Each of the 32 shoppers places <paramref name="ordersPerShopper"/> orders, as fast as they can.</summary>
    private async Task<IReadOnlyCollection<string>> PlaceBacklogAsync(int ordersPerShopper)
    {
        var placed = new ConcurrentBag<string>();
        await ClosedLoop.RunAsync(shoppers.Count, TimeSpan.FromMinutes(2), ordersPerShopper, async shopper =>
        {
            var order = await shoppers[shopper].PlaceOrderAsync(products[shopper]);
            if (order is not null)
            {
                placed.Add(order.OrderId);
            }
            return order?.Latency;
        });
        return placed;
    }

    private async Task WaitUntilOrdersQueueEmptyAsync()
    {
        using var sqs = stack.Names.Sqs();
        for (var i = 0; i < 120; i++)
        {
            var attributes = await sqs.GetQueueAttributesAsync(stack.Names.QueueUrl("OrdersQueue"), ["ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible"]);
            if (attributes.ApproximateNumberOfMessages + attributes.ApproximateNumberOfMessagesNotVisible == 0)
            {
                return;
            }
            await Task.Delay(TimeSpan.FromMilliseconds(250));
        }
    }

    private async Task<AppProcess> StartWorkerAsync(Dictionary<string, string>? settings = null)
    {
        var worker = AppProcess.Start(workerExecutable, $"http://127.0.0.1:{LocalProcesses.FreePort()}", settings ?? stack.OrderWorkerSettings());
        await worker.WaitUntilOkAsync("/readyz", TimeSpan.FromSeconds(60));
        return worker;
    }
}
