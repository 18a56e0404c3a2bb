using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Amazon.DynamoDBv2.Model;
using Bench.Measure;
using Bench.Pages;
using Bench.Stack;
using LocalDev.LocalAws;

namespace Bench.Catalog;

/// <summary>
/// Measurement 7: the catalog at 10,000 products against the shop's own 36, in the same run. Two fresh Storefronts
/// as in Lambda (Production), one on the seeded products table, one on a scratch copy holding the generated catalog
/// (<see cref="LargeCatalog"/>); each page under wrk on both, back to back in alternating order; a search URL asked for
/// the first time on both; each one's peak memory; and the read units of the snapshot's reads at 10,000 products.
/// </summary>
public static class CatalogScaleBench
{
    public const int ProductCount = 10_000;
    private const string ScratchTable = "Catalog10kProductsTable";

    /// <summary><c>Catalog:SnapshotLifetime</c>'s default: how often an instance refreshes its copy.</summary>
    private static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(45);

    /// <summary>New search URLs asked for one after another on each Storefront: each one filters the whole snapshot.</summary>
    private const int NewSearches = 40;

    private sealed record Pair(string Name, string SmallPath, string LargePath, string Target = "");

    public static async Task<IReadOnlyList<Row>> RunAsync(BenchStack stack, string storefrontExecutable, BenchOptions options)
    {
        var seeding = Stopwatch.StartNew();
        await using var large = await LargeCatalog.CreateAsync(stack.Names, ScratchTable, ProductCount);
        Console.WriteLine($"  {ProductCount} products written to {ScratchTable} in {seeding.Elapsed.TotalSeconds:0} s");

        await using var small = AppProcess.Start(storefrontExecutable, $"http://127.0.0.1:{LocalProcesses.FreePort()}", stack.StorefrontSettings(localSignIn: false));
        var largeSettings = stack.StorefrontSettings(localSignIn: false);
        largeSettings["Tables__Products"] = large.Table;
        await using var big = AppProcess.Start(storefrontExecutable, $"http://127.0.0.1:{LocalProcesses.FreePort()}", largeSettings);
        await small.WaitUntilOkAsync("/", TimeSpan.FromSeconds(120));
        await big.WaitUntilOkAsync("/", TimeSpan.FromSeconds(120));
        // The console logger writes a moment after the scan it reports, which the first page waited for.
        var loggedScan = LoggedReadUnits(big.Output, "scan");
        for (var deadline = DateTime.UtcNow.AddSeconds(10); loggedScan is null && DateTime.UtcNow < deadline; loggedScan = LoggedReadUnits(big.Output, "scan"))
        {
            await Task.Delay(100);
        }

        Pair[] pairs =
        [
            new("Catalog `/`", "/", "/", "≥ 0.8×"),
            new("Search", "/?q=mug", $"/?q={LargeCatalog.SearchWord}", "≥ 0.8×"),
        ];
        var rows = new List<Row>();
        foreach (var pair in pairs)
        {
            await Wrk.RunAsync(small.Url + pair.SmallPath, options.WarmUp, options.Connections);
            await Wrk.RunAsync(big.Url + pair.LargePath, options.WarmUp, options.Connections);
        }
        foreach (var pair in pairs)
        {
            var runs = new List<(PageBench.Block Small, PageBench.Block Large)>();
            for (var round = 0; round < options.Rounds; round++)
            {
                Task<PageBench.Block> Small() => PageBench.MeasureAsync(small.Url + pair.SmallPath, small.Id, options.LoadDuration, options.Connections);
                Task<PageBench.Block> Large() => PageBench.MeasureAsync(big.Url + pair.LargePath, big.Id, options.LoadDuration, options.Connections);
                PageBench.Block s, l;
                if (round % 2 == 0)
                {
                    s = await Small();
                    l = await Large();
                }
                else
                {
                    l = await Large();
                    s = await Small();
                }
                runs.Add((s, l));
                Console.WriteLine($"  round {round + 1} {pair.Name}: {ProductCount} products {l.Load.RequestsPerSecond:0} req/s {l.CpuMsPerRequest:0.00} CPU ms/req, " +
                    $"36 products {s.Load.RequestsPerSecond:0} req/s {s.CpuMsPerRequest:0.00} CPU ms/req");
            }
            rows.AddRange(PageRows(pair, runs));
        }

        var (smallFirst, largeFirst) = (await NewSearchesAsync(small.Url), await NewSearchesAsync(big.Url));
        rows.Add(new Row($"Search, a URL asked for the first time (rendered, not kept yet; {NewSearches} in a row): p50 / p99",
            $"{Report.Ms(Stats.Median(largeFirst))} / {Report.Ms(Stats.P99(largeFirst))} ms with {ProductCount} products",
            $"{Report.Ms(Stats.Median(smallFirst))} / {Report.Ms(Stats.P99(smallFirst))} ms with 36 products",
            $"{Report.Number(Stats.Median(largeFirst) / Stats.Median(smallFirst), "0.00")}×"));
        rows.Add(MemoryMeter.Describe($"Storefront with {ProductCount} products after these loads", MemoryMeter.PeakMb(big.Id),
            ("the same with 36 products", MemoryMeter.PeakMb(small.Id))));
        rows.AddRange(await ReadUnitRowsAsync(stack.Names, large, loggedScan));
        return rows;
    }

    private static IEnumerable<Row> PageRows(Pair pair, List<(PageBench.Block Small, PageBench.Block Large)> runs)
    {
        double Median(Func<PageBench.Block, double> figure, bool large) => Stats.Median(runs.Select(r => figure(large ? r.Large : r.Small)));
        var errors = runs.Sum(r => r.Small.Load.Errors + r.Large.Load.Errors);
        yield return new Row(
            $"{pair.Name} with {ProductCount} products (`{pair.LargePath}`) vs 36 (`{pair.SmallPath}`): throughput",
            $"{Report.Number(Median(b => b.Load.RequestsPerSecond, true))} req/s" + (errors > 0 ? $" ({errors} failed requests)" : ""),
            $"{Report.Number(Median(b => b.Load.RequestsPerSecond, false))} req/s with 36 products",
            Report.Ratio(runs.Select(r => r.Large.Load.RequestsPerSecond / r.Small.Load.RequestsPerSecond).ToList()),
            pair.Target);
        yield return new Row(
            $"{pair.Name} with {ProductCount} products: CPU per request",
            $"{Report.Number(Median(b => b.CpuMsPerRequest, true), "0.00")} ms",
            $"{Report.Number(Median(b => b.CpuMsPerRequest, false), "0.00")} ms with 36 products",
            Report.Ratio(runs.Select(r => r.Large.CpuMsPerRequest / r.Small.CpuMsPerRequest).ToList()));
    }

    /// <summary>Latency of search URLs no one asked for before, one at a time: each matches nothing, so it filters the
    /// whole snapshot and renders an empty result.</summary>
    private static async Task<List<double>> NewSearchesAsync(string url)
    {
        using var http = new HttpClient(new HttpClientHandler { UseCookies = false });
        var times = new List<double>();
        for (var i = 0; i < NewSearches; i++)
        {
            var started = Stopwatch.GetTimestamp();
            using var response = await http.GetAsync($"{url}/?q=nothing{Guid.NewGuid():N}");
            response.EnsureSuccessStatusCode();
            times.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
        return times;
    }

    /// <summary>The read units a Storefront logged for its first read of <paramref name="how"/> ("scan" or "changes").</summary>
    private static double? LoggedReadUnits(string output, string how) =>
        Regex.Match(output, $"Catalog {how} read [0-9]+ products for ([0-9.]+) read units") is { Success: true } logged
            ? double.Parse(logged.Groups[1].Value, CultureInfo.InvariantCulture) : null;

    private static async Task<IReadOnlyList<Row>> ReadUnitRowsAsync(LocalStackNames names, LargeCatalog large, double? loggedScan)
    {
        using var dynamo = names.DynamoDb();
        var scan = await ReadUnits.ScanAsync(dynamo, large.Table);
        // A refresh asks for what changed since its last look, 45 s ago, less the 30 s overlap.
        var since = DateTimeOffset.UtcNow - Lifetime - TimeSpan.FromSeconds(30);
        var unchanged = await ReadUnits.ChangedSinceAsync(dynamo, large.Table, since);
        const int changes = 5;
        foreach (var id in large.ProductIds.Take(changes))
        {
            await dynamo.UpdateItemAsync(new UpdateItemRequest
            {
                TableName = large.Table,
                Key = new() { ["ProductId"] = new() { S = id } },
                UpdateExpression = "SET Stock = Stock + :one, ChangedAt = :now, ChangeFeed = :feed",
                ExpressionAttributeValues = new()
                {
                    [":one"] = new() { N = "1" },
                    [":now"] = new() { N = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture) },
                    [":feed"] = new() { S = "products" },
                },
            });
        }
        var changed = await ReadUnits.ChangedSinceAsync(dynamo, large.Table, since);

        string Cost(ReadCost c) => $"{Report.Number(c.Computed, "0.0")} read units for {c.Items} items" +
            (c.Reported is { } r ? $" (DynamoDB Local reported {Report.Number(r, "0.0")})" : " (DynamoDB Local reported none)");
        var perHour = 3600 / Lifetime.TotalSeconds;
        var scanning = perHour * scan.Computed;
        var byChange = scan.Computed + (perHour - 1) * unchanged.Computed;
        var byChangeBusy = scan.Computed + (perHour - 1) * changed.Computed;
        return
        [
            new($"Catalog snapshot at {ProductCount} products: one full scan (eventually consistent)",
                Cost(scan) + (loggedScan is { } logged ? $"; the Storefront logged {Report.Number(logged, "0.0")} for its start-up scan" : ""), "–", "–"),
            new("Catalog snapshot: one refresh, nothing changed (change index query)", Cost(unchanged), "–", "–"),
            new($"Catalog snapshot: one refresh, {changes} products changed", Cost(changed), "–", "–"),
            new("Read units per instance per hour: refresh by change (one scan an hour, a query every 45 s)",
                $"{Report.Number(byChange, "0")} (nothing changing); {Report.Number(byChangeBusy, "0")} ({changes} changes every 45 s)",
                $"{Report.Number(scanning, "0")}: a full scan every 45 s",
                $"{Report.Number(byChange / scanning, "0.000")}× / {Report.Number(byChangeBusy / scanning, "0.000")}×", "≤ 0.1×"),
        ];
    }
}
