using Bench.Measure;

namespace Bench.Pages;

/// <summary>A Storefront page under load, and the name of its same-size copy on the bare app.</summary>
public sealed record PageCase(string Name, string Path, string Mirror, IReadOnlyDictionary<string, string> Headers, string Target = "");

/// <summary>
/// Measures 1 and 2: each Storefront page under wrk, then its baseline: the bare `dotnet new webapp` serving the
/// same bytes from a Razor page (captured from the Storefront just before). App and baseline run back to back in
/// every round, in alternating order, so whatever else the machine does in that minute weighs on both.
/// </summary>
public static class PageBench
{
    /// <summary>One wrk run and the CPU it cost: the app's own, and DynamoDB Local's (zero for pages that read nothing).</summary>
    internal sealed record Block(LoadResult Load, double AppCpuMs, double DynamoCpuMs)
    {
        public double CpuMsPerRequest => Load.Requests == 0 ? double.NaN : (AppCpuMs + DynamoCpuMs) / Load.Requests;
    }

    internal static async Task<Block> MeasureAsync(string url, int pid, TimeSpan duration, int connections, IReadOnlyDictionary<string, string>? headers = null)
    {
        var dynamo = CpuMeter.Child("java");
        var (app0, dynamo0) = (CpuMeter.Used(pid), dynamo is { } d0 ? CpuMeter.Used(d0) : TimeSpan.Zero);
        var load = await Wrk.RunAsync(url, duration, connections, headers);
        var (app1, dynamo1) = (CpuMeter.Used(pid), dynamo is { } d1 ? CpuMeter.Used(d1) : TimeSpan.Zero);
        return new Block(load, (app1 - app0).TotalMilliseconds, (dynamo1 - dynamo0).TotalMilliseconds);
    }

    /// <summary>Saves each page's HTML as its mirror: same size, same bytes, nothing computed.</summary>
    public static async Task CaptureAsync(string storefrontUrl, IEnumerable<PageCase> cases, string mirrorDirectory)
    {
        Directory.CreateDirectory(mirrorDirectory);
        using var http = new HttpClient(new HttpClientHandler { UseCookies = false });
        foreach (var page in cases.DistinctBy(c => c.Mirror))
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, storefrontUrl + page.Path);
            foreach (var (name, value) in page.Headers)
            {
                request.Headers.TryAddWithoutValidation(name, value);
            }
            using var response = await http.SendAsync(request);
            response.EnsureSuccessStatusCode();
            await File.WriteAllBytesAsync(Path.Combine(mirrorDirectory, page.Mirror + ".html"), await response.Content.ReadAsByteArrayAsync());
        }
    }

    public static async Task<IReadOnlyList<Row>> RunAsync(
        (string Url, int Pid) storefront, (string Url, int Pid) bareApp, IReadOnlyList<PageCase> cases, BenchOptions options)
    {
        var results = cases.ToDictionary(c => c, _ => new List<(Block Shop, Block Bare)>());
        foreach (var page in cases)
        {
            // Tiered JIT: under load on two shared cores the Storefront's hot methods take tens of seconds to reach
            // their final code (a profile shows the JIT busy for the first ~30 s); the bare page, far fewer methods.
            await Wrk.RunAsync(storefront.Url + page.Path, options.WarmUp, options.Connections, page.Headers);
            await Wrk.RunAsync($"{bareApp.Url}/mirror/{page.Mirror}", options.WarmUp / 3, options.Connections);
        }
        for (var round = 0; round < options.Rounds; round++)
        {
            foreach (var page in cases)
            {
                Task<Block> Shop() => MeasureAsync(storefront.Url + page.Path, storefront.Pid, options.LoadDuration, options.Connections, page.Headers);
                Task<Block> Bare() => MeasureAsync($"{bareApp.Url}/mirror/{page.Mirror}", bareApp.Pid, options.LoadDuration, options.Connections);
                Block shop, bare;
                if (round % 2 == 0)
                {
                    shop = await Shop();
                    bare = await Bare();
                }
                else
                {
                    bare = await Bare();
                    shop = await Shop();
                }
                results[page].Add((shop, bare));
                Console.WriteLine($"  round {round + 1} {page.Name}: shop {shop.Load.RequestsPerSecond:0} req/s p99 {shop.Load.P99Ms:0.0} ms " +
                    $"{shop.CpuMsPerRequest:0.00} CPU ms/req, bare {bare.Load.RequestsPerSecond:0} req/s p99 {bare.Load.P99Ms:0.0} ms {bare.CpuMsPerRequest:0.00} CPU ms/req");
            }
        }
        return cases.SelectMany(page => Rows(page, results[page])).ToList();
    }

    private static IEnumerable<Row> Rows(PageCase page, List<(Block Shop, Block Bare)> runs)
    {
        double Median(Func<Block, double> figure, bool shop) => Stats.Median(runs.Select(r => figure(shop ? r.Shop : r.Bare)));
        var size = Report.Kb(runs[0].Bare.Load.BytesPerResponse);
        var errors = runs.Sum(r => r.Shop.Load.Errors + r.Bare.Load.Errors);
        yield return new Row(
            $"{page.Name}: throughput",
            $"{Report.Number(Median(b => b.Load.RequestsPerSecond, true))} req/s" + (errors > 0 ? $" ({errors} failed requests)" : ""),
            $"{Report.Number(Median(b => b.Load.RequestsPerSecond, false))} req/s (bare page, {size} a response)",
            Report.Ratio(runs.Select(r => r.Shop.Load.RequestsPerSecond / r.Bare.Load.RequestsPerSecond).ToList()),
            page.Target);
        yield return new Row(
            $"{page.Name}: latency p50 / p99",
            $"{Report.Ms(Median(b => b.Load.P50Ms, true))} / {Report.Ms(Median(b => b.Load.P99Ms, true))} ms",
            $"{Report.Ms(Median(b => b.Load.P50Ms, false))} / {Report.Ms(Median(b => b.Load.P99Ms, false))} ms",
            $"{Report.Ratio(runs.Select(r => r.Shop.Load.P50Ms / r.Bare.Load.P50Ms).ToList())} / " +
            $"{Report.Ratio(runs.Select(r => r.Shop.Load.P99Ms / r.Bare.Load.P99Ms).ToList())}");
        var dynamo = Median(b => b.DynamoCpuMs / b.Load.Requests, true);
        yield return new Row(
            $"{page.Name}: CPU per request",
            $"{Report.Number(Median(b => b.AppCpuMs / b.Load.Requests, true), "0.00")} ms" +
                (dynamo >= 0.005 ? $" + {Report.Number(dynamo, "0.00")} ms in DynamoDB Local" : ""),
            $"{Report.Number(Median(b => b.CpuMsPerRequest, false), "0.00")} ms",
            Report.Ratio(runs.Select(r => r.Shop.CpuMsPerRequest / r.Bare.CpuMsPerRequest).ToList()));
    }
}
