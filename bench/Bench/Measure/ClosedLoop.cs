using System.Diagnostics;

namespace Bench.Measure;

/// <summary>What a block of closed-loop work came to: each success's latency, and how many attempts failed.</summary>
public sealed record LoopResult(IReadOnlyList<double> LatenciesMs, int Failures, TimeSpan Elapsed)
{
    public double PerSecond => LatenciesMs.Count / Elapsed.TotalSeconds;
}

/// <summary>
/// <paramref name="concurrency"/> workers, each doing one thing after another (a shopper waits for one order before
/// placing the next), until the time is up or each has done <paramref name="maxPerWorker"/>: bounded both ways.
/// </summary>
public static class ClosedLoop
{
    /// <param name="once">One attempt by worker i; returns how long the measured part took, or null if it failed.</param>
    public static async Task<LoopResult> RunAsync(int concurrency, TimeSpan duration, int maxPerWorker, Func<int, Task<TimeSpan?>> once)
    {
        var started = Stopwatch.GetTimestamp();
        var latencies = new List<double>();
        var failures = 0;
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async worker =>
        {
            for (var i = 0; i < maxPerWorker && Stopwatch.GetElapsedTime(started) < duration; i++)
            {
                TimeSpan? took;
                try
                {
                    took = await once(worker);
                }
                catch (Exception e) when (e is HttpRequestException or InvalidOperationException or Amazon.Runtime.AmazonServiceException)
                {
                    Console.WriteLine($"    worker {worker}: {e.GetType().Name}: {e.Message.Split('\n')[0]}");
                    took = null;
                }
                lock (latencies)
                {
                    if (took is { } t)
                    {
                        latencies.Add(t.TotalMilliseconds);
                    }
                    else
                    {
                        failures++;
                    }
                }
            }
        }));
        return new LoopResult(latencies, failures, Stopwatch.GetElapsedTime(started));
    }
}
