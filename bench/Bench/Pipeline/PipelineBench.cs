using System.Collections.Concurrent;
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
    public async Task<IReadOnlyList<Row>> RunAsync(IReadOnlyCollection<string> checkoutBacklog)
    {
        using var ledger = new OrderLedger(stack.Names);
        using var queue = await QueueBaseline.CreateAsync(stack.Names);

        var rates = new List<Drain>();
        for (var run = 0; run < options.Rounds; run++)
        {
            var backlog = run == 0 && checkoutBacklog.Count > 0 ? checkoutBacklog : await PlaceBacklogAsync();
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
                $"Order pipeline: one worker instance (one batch at a time), calls {RoundTrips.Describe()} slower as in AWS",
                $"{Report.Number(Stats.Median(waiting.Select(r => r.Worker)), "0.0")} orders/s (backlogs of {string.Join(", ", waiting.Select(r => r.Orders))})",
                $"bare consumer, its calls as slow: {Report.Number(Stats.Median(waiting.Select(r => r.Bare)))} messages/s",
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
    /// trips (<see cref="RoundTrips"/>), and the worker runs one batch at a time, as one Lambda instance does.
    /// </summary>
    private async Task<List<Drain>> DrainWithRoundTripsAsync(OrderLedger ledger)
    {
        await using var dynamo = await FaultInjectingProxy.StartAsync(AwsService.DynamoDB, stack.Names.DynamoDbUrl, seed: 1);
        await using var sqs = await FaultInjectingProxy.StartAsync(AwsService.Sqs, stack.Names.SqsUrl, seed: 2);
        await using var ses = await FaultInjectingProxy.StartAsync(AwsService.Ses, stack.Names.SesUrl, seed: 3);
        (dynamo.Plan, sqs.Plan, ses.Plan) = (FaultPlan.RoundTrip(RoundTrips.DynamoDb), FaultPlan.RoundTrip(RoundTrips.Sqs), FaultPlan.RoundTrip(RoundTrips.Ses));
        using var queue = await QueueBaseline.CreateAsync(stack.Names with { SqsUrl = sqs.Url });

        var settings = stack.OrderWorkerSettings();
        settings["Aws__ServiceUrls__DynamoDB"] = dynamo.Url;
        settings["Aws__ServiceUrls__SQS"] = sqs.Url;
        settings["Aws__ServiceUrls__SES"] = ses.Url;
        settings["QueuePolling__Concurrency"] = "1";

        var rates = new List<Drain>();
        for (var run = 0; run < options.Rounds; run++)
        {
            var backlog = await PlaceBacklogAsync();
            var drain = await DrainAsync(ledger, queue, backlog, settings);
            rates.Add(drain);
            Console.WriteLine($"  drain {run + 1} with round trips: one worker instance confirmed {drain.Orders} of {backlog.Count} at {drain.Worker:0.0}/s; bare consumer {drain.Bare:0}/s");
            Console.WriteLine($"    CPU per order: {drain.WorkerCpu.Describe("worker")}; per bare message: {drain.BareCpu.Describe(null)}");
        }
        return rates;
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
            if (!await ledger.WaitUntilNonePendingAsync(TimeSpan.FromMinutes(5)))
            {
                Console.WriteLine("  the worker did not confirm every order within 5 minutes");
            }
            // Confirmed is not done: let it send the emails and delete the messages before it stops.
            await WaitUntilOrdersQueueEmptyAsync();
            cpu.Stop();
            peakMb = MemoryMeter.PeakMb(worker.Id);
        }
        var confirmed = (await ledger.TimesAsync(backlog)).Where(t => t.ConfirmedAt is not null).Select(t => t.ConfirmedAt!.Value).ToList();
        var workerCpu = cpu.PerMessage(confirmed.Count(at => at >= ready));
        var rate = (confirmed.Count - 1) / (confirmed.Max() - confirmed.Min()).TotalSeconds;
        return new Drain(rate, bare, confirmed.Count, peakMb, workerCpu, bareCpu);
    }

    /// <summary>Each of the 32 shoppers places <see cref="BenchOptions.BacklogOrdersPerShopper"/> orders, as fast as they can.</summary>
    private async Task<IReadOnlyCollection<string>> PlaceBacklogAsync()
    {
        var placed = new ConcurrentBag<string>();
        await ClosedLoop.RunAsync(shoppers.Count, TimeSpan.FromMinutes(2), options.BacklogOrdersPerShopper, async shopper =>
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
