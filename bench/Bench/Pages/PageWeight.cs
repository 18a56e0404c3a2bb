using System.IO.Compression;
using Microsoft.Playwright;

namespace Bench.Pages;

/// <summary>What a browser fetched for one step: requests, and body bytes as served here and as compressed.</summary>
public sealed record Weight(int Requests, long Served, long Compressed, long DeployedToday, IReadOnlyList<string> Urls);

/// <summary>
/// Measure 6, in Debian's headless Chromium (as the end-to-end tests use it) at 1280×800 with an empty cache: every
/// request the first load of the catalog makes (lazy images the browser decides to fetch included), then what
/// choosing a category in the filters makes htmx fetch, then, as its baseline, the same filter as a full page load
/// (what a browser without JavaScript does). Bytes are response bodies. "Compressed" is the body as sent with
/// Content-Encoding when the app compressed it, else gzip (level 6) of it: what CloudFront sends for static/ (its
/// cache behaviour compresses) and what any compressing server would send. "As deployed today" takes static/ as
/// CloudFront would send it (gzip of the body, whatever the local app sent) and the pages as the app sends them,
/// because CloudFront does not compress the uncached API behaviour. A response from the browser's cache counts 0.
/// </summary>
public static class PageWeight
{
    public const long BudgetBytes = 60 * 1024;

    public static async Task<(Weight FirstLoad, Weight HtmxFilter, Weight FullPageFilter)> MeasureAsync(string storefrontUrl, string category)
    {
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ["--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 800 } });
        var page = await context.NewPageAsync();
        var responses = new List<IResponse>();
        page.Response += (_, response) => { lock (responses) { responses.Add(response); } };

        await page.GotoAsync(storefrontUrl + "/", new PageGotoOptions { WaitUntil = WaitUntilState.NetworkIdle });
        var firstLoad = await WeighAsync(Take(responses));

        var grid = page.WaitForResponseAsync(r => r.Url.Contains($"category={category}", StringComparison.Ordinal));
        await page.SelectOptionAsync("#category", category);
        await grid;
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        await Task.Delay(500); // images of the swapped-in grid
        var htmx = await WeighAsync(Take(responses));

        await page.GotoAsync($"{storefrontUrl}/?category={category}", new PageGotoOptions { WaitUntil = WaitUntilState.NetworkIdle });
        var fullPage = await WeighAsync(Take(responses));
        return (firstLoad, htmx, fullPage);
    }

    private static List<IResponse> Take(List<IResponse> responses)
    {
        lock (responses)
        {
            var taken = responses.ToList();
            responses.Clear();
            return taken;
        }
    }

    private static async Task<Weight> WeighAsync(IReadOnlyList<IResponse> responses)
    {
        long served = 0, compressed = 0, today = 0;
        foreach (var response in responses)
        {
            var sizes = await response.Request.SizesAsync();
            var body = await response.BodyAsync();
            var encoded = response.Headers.ContainsKey("content-encoding");
            var type = response.Headers.GetValueOrDefault("content-type", "");
            // Nothing crossed the network for a response from the browser's cache.
            var cloudFront = sizes.ResponseBodySize == 0 ? 0 : Compressible(type) ? Gzip(body) : body.Length;
            served += encoded ? sizes.ResponseBodySize : body.Length;
            compressed += encoded ? sizes.ResponseBodySize : cloudFront;
            // In AWS: static/ comes from S3 compressed by CloudFront (whatever the local app did), the pages as the app sends them.
            today += new Uri(response.Url).AbsolutePath.StartsWith("/static/", StringComparison.Ordinal) ? cloudFront : (encoded ? sizes.ResponseBodySize : body.Length);
        }
        return new Weight(responses.Count, served, compressed, today, responses.Select(r => new Uri(r.Url).PathAndQuery).ToList());
    }

    /// <summary>The types CloudFront compresses that this shop serves.</summary>
    private static bool Compressible(string contentType) =>
        contentType.StartsWith("text/", StringComparison.Ordinal) || contentType.Contains("javascript", StringComparison.Ordinal)
        || contentType.StartsWith("image/svg+xml", StringComparison.Ordinal) || contentType.Contains("json", StringComparison.Ordinal);

    private static long Gzip(byte[] body)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Optimal, leaveOpen: true))
        {
            gzip.Write(body);
        }
        return output.Length;
    }

    public static IReadOnlyList<Row> Rows((Weight FirstLoad, Weight HtmxFilter, Weight FullPageFilter) w) =>
    [
        new Row(
            "Page weight: catalog first load (empty cache)",
            $"{w.FirstLoad.Requests} requests; {Report.Kb(w.FirstLoad.Compressed)} compressed ({Report.Kb(w.FirstLoad.DeployedToday)} as AWS serves it today, {Report.Kb(w.FirstLoad.Served)} as served here)",
            "the 60 KB budget",
            $"{Report.Number(w.FirstLoad.Compressed / (double)BudgetBytes, "0.00")}× ({Report.Number(w.FirstLoad.DeployedToday / (double)BudgetBytes, "0.00")}× today)",
            "≤ 60 KB"),
        new Row(
            "Page weight: htmx filter change (one category)",
            $"{w.HtmxFilter.Requests} requests; {Report.Kb(w.HtmxFilter.Compressed)} compressed ({Report.Kb(w.HtmxFilter.DeployedToday)} today)",
            $"same filter as a full page load: {w.FullPageFilter.Requests} requests, {Report.Kb(w.FullPageFilter.Compressed)} compressed ({Report.Kb(w.FullPageFilter.DeployedToday)} today)",
            $"{Report.Number(w.HtmxFilter.Compressed / (double)w.FullPageFilter.Compressed, "0.00")}×"),
    ];
}
