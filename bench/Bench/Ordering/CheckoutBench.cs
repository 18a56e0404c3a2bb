using System.Collections.Concurrent;
using Bench.Measure;

namespace Bench.Ordering;

/// <summary>
/// Measure 3: checkout acceptance latency, "Place order" → "Order received", at 1, 8 and 32 shoppers placing orders
/// one after another, each with their own session and product (so shoppers contend only where the shop makes them:
/// the order counter). Its baseline is <see cref="StorageFloor"/> at the same concurrency; the two alternate block by
/// block. The worker is not running: in AWS it runs on its own instances, here it would take the Storefront's CPU.
/// </summary>
public static class CheckoutBench
{
    public static readonly int[] Levels = [1, 8, 32];

    /// <param name="placed">Collects every accepted order, for the pipeline measurement that drains them.</param>
    public static async Task<IReadOnlyList<Row>> RunAsync(
        IReadOnlyList<Shopper> shoppers, IReadOnlyList<string> products, StorageFloor floor, BenchOptions options, ConcurrentBag<string> placed)
    {
        Task<TimeSpan?> Checkout(int shopper) => PlaceAsync(shoppers[shopper], products[shopper], placed);
        // Warm-up: every shopper's first checkout, and the floor's first calls, uncounted.
        await ClosedLoop.RunAsync(shoppers.Count, TimeSpan.FromSeconds(30), 1, Checkout);
        await ClosedLoop.RunAsync(shoppers.Count, TimeSpan.FromSeconds(30), 1, floor.PlaceOnceAsync);

        var rows = new List<Row>();
        foreach (var level in Levels)
        {
            var runs = new List<(LoopResult Shop, LoopResult Floor)>();
            for (var round = 0; round < options.Rounds; round++)
            {
                Task<LoopResult> Shop() => ClosedLoop.RunAsync(level, options.CheckoutDuration, 2000, Checkout);
                Task<LoopResult> Floor() => ClosedLoop.RunAsync(level, options.CheckoutDuration, 2000, floor.PlaceOnceAsync);
                LoopResult shop, bare;
                if (round % 2 == 0)
                {
                    shop = await Shop();
                    bare = await Floor();
                }
                else
                {
                    bare = await Floor();
                    shop = await Shop();
                }
                runs.Add((shop, bare));
                Console.WriteLine($"  round {round + 1} at {level}: checkout p50 {Stats.Median(shop.LatenciesMs):0.0} p99 {Stats.P99(shop.LatenciesMs):0.0} ms " +
                    $"({shop.LatenciesMs.Count} orders, {shop.Failures} failed); floor p50 {Stats.Median(bare.LatenciesMs):0.0} p99 {Stats.P99(bare.LatenciesMs):0.0} ms ({bare.Failures} failed)");
            }
            rows.Add(Row(level, runs));
        }
        return rows;
    }

    private static async Task<TimeSpan?> PlaceAsync(Shopper shopper, string product, ConcurrentBag<string> placed)
    {
        var order = await shopper.PlaceOrderAsync(product);
        if (order is null)
        {
            return null;
        }
        placed.Add(order.OrderId);
        return order.Latency;
    }

    private static Row Row(int level, List<(LoopResult Shop, LoopResult Floor)> runs)
    {
        double Median(Func<LoopResult, double> figure, bool shop) => Stats.Median(runs.Select(r => figure(shop ? r.Shop : r.Floor)));
        var failures = runs.Sum(r => r.Shop.Failures);
        var floorFailures = runs.Sum(r => r.Floor.Failures);
        return new Row(
            $"Checkout acceptance at {level} shopper{(level == 1 ? "" : "s")}: p50 / p99",
            $"{Report.Ms(Median(r => Stats.Median(r.LatenciesMs), true))} / {Report.Ms(Median(r => Stats.P99(r.LatenciesMs), true))} ms; " +
                $"{Report.Number(Median(r => r.PerSecond, true))} orders/s" + (failures > 0 ? $"; {failures} not accepted" : ""),
            $"storage calls alone {Report.Ms(Median(r => Stats.Median(r.LatenciesMs), false))} / {Report.Ms(Median(r => Stats.P99(r.LatenciesMs), false))} ms" +
                (floorFailures > 0 ? $"; {floorFailures} failed" : ""),
            $"{Report.Ratio(runs.Select(r => Stats.Median(r.Shop.LatenciesMs) / Stats.Median(r.Floor.LatenciesMs)).ToList())} / " +
                $"{Report.Ratio(runs.Select(r => Stats.P99(r.Shop.LatenciesMs) / Stats.P99(r.Floor.LatenciesMs)).ToList())}",
            level == 8 ? "p99 ≤ 50 ms" : "");
    }
}
