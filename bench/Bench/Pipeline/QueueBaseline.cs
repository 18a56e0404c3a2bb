using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Amazon.SQS;
using Amazon.SQS.Model;
using Bench.Stack;
using LocalDev.LocalAws;

namespace Bench.Pipeline;

/// <summary>
/// The order pipeline's baseline: the queue alone. Messages the size of an order message go through a copy of the
/// orders queue to a bare consumer that receives the way the worker's poller does (long poll, batches of 10) and
/// deletes them, doing nothing else. Latency: send → received. Throughput: how fast it empties a backlog.
/// </summary>
public sealed class QueueBaseline : IDisposable
{
    private readonly IAmazonSQS _sqs;
    private readonly string _probeQueue;
    private readonly string _drainQueue;
    private readonly ConcurrentQueue<double> _probeLatencies = new();

    private QueueBaseline(LocalStackNames names, string probeQueue, string drainQueue)
    {
        _sqs = names.Sqs();
        _probeQueue = probeQueue;
        _drainQueue = drainQueue;
    }

    public static async Task<QueueBaseline> CreateAsync(LocalStackNames names) =>
        new(names, await Scratch.CreateOrdersQueueAsync(names, "BenchProbeQueue"), await Scratch.CreateOrdersQueueAsync(names, "BenchDrainQueue"));

    /// <summary>Receives probes until cancelled, recording each one's send → receive time.</summary>
    public async Task ConsumeProbesAsync(CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            ReceiveMessageResponse response;
            try
            {
                response = await _sqs.ReceiveMessageAsync(new ReceiveMessageRequest { QueueUrl = _probeQueue, MaxNumberOfMessages = 10, WaitTimeSeconds = 10 }, stop);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            var now = Stopwatch.GetTimestamp();
            foreach (var message in response.Messages ?? [])
            {
                var sent = long.Parse(message.Body.Split('|')[0], CultureInfo.InvariantCulture);
                _probeLatencies.Enqueue(Stopwatch.GetElapsedTime(sent, now).TotalMilliseconds);
            }
            if (response.Messages is { Count: > 0 } received)
            {
                await _sqs.DeleteMessageBatchAsync(_probeQueue, received.Select((m, i) => new DeleteMessageBatchRequestEntry($"{i}", m.ReceiptHandle)).ToList(), CancellationToken.None);
            }
        }
    }

    public Task SendProbeAsync() => _sqs.SendMessageAsync(_probeQueue, Body(Stopwatch.GetTimestamp()));

    /// <summary>Probe latencies recorded since the last call.</summary>
    public List<double> TakeProbeLatencies()
    {
        var taken = new List<double>();
        while (_probeLatencies.TryDequeue(out var latency))
        {
            taken.Add(latency);
        }
        return taken;
    }

    /// <summary>Queues <paramref name="count"/> messages, then times a bare consumer emptying the queue: messages/s,
    /// and the CPU each message cost.</summary>
    public async Task<(double Rate, CpuPerMessage Cpu)> DrainRateAsync(int count)
    {
        for (var sent = 0; sent < count; sent += 10)
        {
            var batch = Enumerable.Range(sent, Math.Min(10, count - sent)).Select(i => new SendMessageBatchRequestEntry($"{i}", Body(i))).ToList();
            await _sqs.SendMessageBatchAsync(_drainQueue, batch);
        }
        var cpu = DrainCpu.Start();
        var started = Stopwatch.GetTimestamp();
        var received = 0;
        while (received < count && Stopwatch.GetElapsedTime(started) < TimeSpan.FromMinutes(2))
        {
            var response = await _sqs.ReceiveMessageAsync(new ReceiveMessageRequest { QueueUrl = _drainQueue, MaxNumberOfMessages = 10, WaitTimeSeconds = 1 });
            if (response.Messages is { Count: > 0 } messages)
            {
                received += messages.Count;
                await _sqs.DeleteMessageBatchAsync(_drainQueue, messages.Select((m, i) => new DeleteMessageBatchRequestEntry($"{i}", m.ReceiptHandle)).ToList());
            }
        }
        return (received / Stopwatch.GetElapsedTime(started).TotalSeconds, cpu.Stop().PerMessage(received));
    }

    /// <summary>As long as an order message (its JSON body is about this size), starting with a timestamp.</summary>
    private static string Body(long stamp) =>
        $"{stamp.ToString(CultureInfo.InvariantCulture)}|".PadRight(110, 'x');

    public void Dispose() => _sqs.Dispose();
}
