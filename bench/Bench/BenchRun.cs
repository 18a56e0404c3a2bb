using System.Collections.Concurrent;
using System.Net;
using System.Text.RegularExpressions;
using Bench.Catalog;
using Bench.Measure;
using Bench.Ordering;
using Bench.Pages;
using Bench.Pipeline;
using Bench.Stack;
using Bench.Startup;
using LocalDev.LocalAws;
using TestSupport.Browsing;

namespace Bench;

/// <summary>The measurements in order: start-up first (nothing else of the bench running), then the pages, the
/// catalog at 10,000 products, the page weight, checkout and the order pipeline, each as README.md describes. Returns the results in Markdown.</summary>
public static class BenchRun
{
    public static async Task<string> RunAsync(BenchOptions options, string command)
    {
        // Where bench/run.sh publishes, wherever --out puts the results.
        var publish = Path.Combine(RepoPaths.Root, "bench", ".out", "publish");
        string Executable(string folder, string name) =>
            File.Exists(Path.Combine(publish, folder, name)) ? Path.Combine(publish, folder, name)
                : throw new InvalidOperationException($"{Path.Combine(publish, folder, name)} is missing: run bench/run.sh, which publishes it.");
        var machine = Machine.Describe();
        var report = new Report();

        Console.WriteLine("Starting DynamoDB Local, the SQS/SES emulators and the sign-in provider...");
        await using var stack = await BenchStack.StartAsync();

        if (options.Runs("startup"))
        {
            Console.WriteLine("5. Start-up: process start → first 200");
            report.Add(await StartupBench.RunAsync(StartupBench.Variants(publish, stack), options));
        }

        // The Storefront the other measurements use, configured as the app host runs it (Development only because the
        // local sign-in provider speaks plain http; Development changes nothing per request that these pages exercise).
        await using var storefront = AppProcess.Start(Executable("storefront", "Storefront"), stack.StorefrontOrigin, stack.StorefrontSettings(localSignIn: true));
        await storefront.WaitUntilOkAsync("/", TimeSpan.FromSeconds(60));
        const string product = "cast-iron-skillet", category = "kitchen";

        if (options.Runs("pages"))
        {
            Console.WriteLine("1, 2. Pages under load (wrk) against the bare webapp serving the same bytes");
            var returning = await Visitor.WithCartAsync(storefront.Url);
            using var signedIn = await Shopper.SignUpAsync(stack.StorefrontOrigin, stack.Mailbox);
            PageCase[] cases =
            [
                new("Catalog `/`, first visit", "/", "catalog", new Dictionary<string, string>(), "≥ 0.5×"),
                new("Catalog `/`, returning visitor with a cart", "/", "catalog", new Dictionary<string, string> { ["Cookie"] = returning }),
                new("Catalog `/`, signed-in shopper", "/", "catalog-signed-in", new Dictionary<string, string> { ["Cookie"] = signedIn.Cookies }, "≥ 0.4×"),
                new($"Product page `/products/{product}`", $"/products/{product}", "product", new Dictionary<string, string>(), "≥ 0.3×"),
                new($"htmx grid partial `/?category={category}`", $"/?category={category}", "grid", new Dictionary<string, string> { ["HX-Request"] = "true" }, "≥ 0.5×"),
            ];
            var mirrors = Path.Combine(options.Out, "mirror");
            await PageBench.CaptureAsync(storefront.Url, cases, mirrors);
            var bareUrl = $"http://127.0.0.1:{LocalProcesses.FreePort()}";
            await using var bare = AppProcess.Start(Executable("bare", "BareWebapp"), bareUrl,
                new Dictionary<string, string> { ["ASPNETCORE_ENVIRONMENT"] = "Production", ["Mirror__Directory"] = mirrors });
            await bare.WaitUntilOkAsync("/mirror/catalog", TimeSpan.FromSeconds(60));
            report.Add(await PageBench.RunAsync((storefront.Url, storefront.Id), (bareUrl, bare.Id), cases, options));
            report.Add([MemoryMeter.Describe("Storefront after the page loads", MemoryMeter.PeakMb(storefront.Id), ("bare webapp after the same loads", MemoryMeter.PeakMb(bare.Id)))]);
        }

        if (options.Runs("catalog10k"))
        {
            Console.WriteLine($"7. The catalog at {CatalogScaleBench.ProductCount} products against 36");
            report.Add(await CatalogScaleBench.RunAsync(stack, Executable("storefront", "Storefront"), options));
        }

        if (options.Runs("weight"))
        {
            Console.WriteLine("6. Page weight (headless Chromium)");
            var weight = await PageWeight.MeasureAsync(storefront.Url, category);
            Console.WriteLine($"  first load: {string.Join(' ', weight.FirstLoad.Urls)}\n  htmx filter: {string.Join(' ', weight.HtmxFilter.Urls)}");
            report.Add(PageWeight.Rows(weight));
        }

        if (options.Runs("checkout") || options.Runs("pipeline"))
        {
            var count = CheckoutBench.Levels.Max();
            Console.WriteLine($"Signing up {count} shoppers through the hosted-UI flow...");
            var shoppers = new List<Shopper>();
            foreach (var batch in Enumerable.Range(0, count).Chunk(4))
            {
                shoppers.AddRange(await Task.WhenAll(batch.Select(_ => Shopper.SignUpAsync(stack.StorefrontOrigin, stack.Mailbox))));
            }
            var products = await Scratch.CreateProductsAsync(stack.Names, "bench-checkout", count);
            var placed = new ConcurrentBag<string>();
            if (options.Runs("checkout"))
            {
                Console.WriteLine("3. Checkout acceptance (worker stopped)");
                using var floor = await StorageFloor.CreateAsync(stack.Names, count);
                report.Add(await CheckoutBench.RunAsync(shoppers, products, floor, options, placed));
            }
            if (options.Runs("pipeline"))
            {
                Console.WriteLine("4. Order pipeline");
                report.Add(await new PipelineBench(stack, Executable("orderworker", "OrderWorker"), shoppers, products, options).RunAsync(placed));
            }
            shoppers.ForEach(s => s.Dispose());
        }

        return $"{machine}\n- load average at the end: {Machine.LoadAverage()}\n- command: `{command}`\n\n{report.ToMarkdown()}\n";
    }
}

/// <summary>A visitor who has put something in the cart: what their browser sends back on every page.</summary>
internal static class Visitor
{
    public static async Task<string> WithCartAsync(string storefrontUrl)
    {
        var cookies = new CookieContainer();
        using var http = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false });
        var catalog = await http.GetStringAsync(storefrontUrl + "/");
        // The cards' buttons submit the page's one cart form, each with its product id as the button's value.
        var fields = HtmlForms.Fields(catalog, "/cart/lines");
        fields["productId"] = Regex.Match(catalog, "data-product-id=\"([^\"]+)\"").Groups[1].Value;
        using var added = await http.PostAsync(storefrontUrl + "/cart/lines", new FormUrlEncodedContent(fields));
        if (added.StatusCode != HttpStatusCode.Redirect || !cookies.GetCookies(new Uri(storefrontUrl)).Any(c => c.Name == "cart"))
        {
            throw new InvalidOperationException($"Adding to the cart answered {(int)added.StatusCode} without a cart cookie.");
        }
        // As a browser does: follow the redirect, where the one-time "Added to your cart" message is shown and its
        // cookie dropped.
        using var shown = await http.GetAsync(new Uri(new Uri(storefrontUrl), added.Headers.Location!));
        return cookies.GetCookieHeader(new Uri(storefrontUrl));
    }
}
