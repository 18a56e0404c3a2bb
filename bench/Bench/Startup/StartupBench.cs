using Bench.Measure;
using Bench.Stack;
using LocalDev.LocalAws;

namespace Bench.Startup;

/// <summary>One way of starting an app: which publish folder, which runtime settings, which environment.</summary>
public sealed record StartupVariant(string Name, string Executable, string Path, IReadOnlyDictionary<string, string> Settings, bool IsBaseline = false);

/// <summary>
/// Measure 5, the local stand-in for a Lambda cold start: process start → first 200 of the catalog (Storefront) or
/// of the home page (the bare `dotnet new webapp`), for each variant. Runs go round-robin over the variants (A B C
/// A B C …) so a busy minute on the shared machine hits every variant, and one warm-up round (OS file cache, the
/// key ring's first key) is thrown away. Nothing else the bench starts is running meanwhile.
/// </summary>
public static class StartupBench
{
    public static IReadOnlyList<StartupVariant> Variants(string publish, BenchStack stack)
    {
        var lambda = stack.StorefrontSettings(localSignIn: false);
        var storefront = Path.Combine(publish, "storefront", "Storefront");
        // Published without the projects' Release settings (ReadyToRun, TieredPGO off): what they are measured against.
        var jitOnly = Path.Combine(publish, "storefront-jit", "Storefront");
        Dictionary<string, string> With(IReadOnlyDictionary<string, string> settings, params (string Name, string Value)[] extra)
        {
            var changed = new Dictionary<string, string>(settings);
            foreach (var (name, value) in extra)
            {
                changed[name] = value;
            }
            return changed;
        }
        var production = new Dictionary<string, string> { ["ASPNETCORE_ENVIRONMENT"] = "Production" };
        return
        [
            new("bare webapp, as published (baseline)", Path.Combine(publish, "bare", "BareWebapp"), "/", production, IsBaseline: true),
            new("bare webapp, ReadyToRun", Path.Combine(publish, "bare-r2r", "BareWebapp"), "/", production),
            new("Storefront, as published for Lambda (ReadyToRun, TieredPGO off)", storefront, "/", lambda),
            new("Storefront, JIT only (no ReadyToRun, TieredPGO on)", jitOnly, "/", lambda),
            new("Storefront, ReadyToRun with TieredPGO on", storefront, "/", With(lambda, ("DOTNET_TieredPGO", "1"))),
            new("Storefront, workstation GC", storefront, "/", With(lambda, ("DOTNET_gcServer", "0"))),
            new("Storefront, quick JIT off", storefront, "/", With(lambda, ("DOTNET_TC_QuickJit", "0"))),
            new("Storefront, tiered compilation off", storefront, "/", With(lambda, ("DOTNET_TieredCompilation", "0"))),
            // OpenTelemetry's own switch (honoured since SDK 1.15): no exporter is configured in Lambda, so nothing reads its data there.
            new("Storefront, OpenTelemetry off (OTEL_SDK_DISABLED)", storefront, "/", With(lambda, ("OTEL_SDK_DISABLED", "true"))),
            new("Storefront, Development (as the app host runs it)", storefront, "/", With(lambda, ("ASPNETCORE_ENVIRONMENT", "Development"))),
        ];
    }

    public static async Task<IReadOnlyList<Row>> RunAsync(IReadOnlyList<StartupVariant> variants, BenchOptions options)
    {
        var times = variants.ToDictionary(v => v, _ => new List<StartupTimes>());
        for (var run = -1; run < options.StartupRuns; run++)
        {
            foreach (var variant in variants)
            {
                var url = $"http://127.0.0.1:{LocalProcesses.FreePort()}";
                await using var app = AppProcess.Start(variant.Executable, url, variant.Settings);
                var started = await app.WaitUntilOkAsync(variant.Path, TimeSpan.FromSeconds(60));
                if (run >= 0)
                {
                    times[variant].Add(started);
                    Console.WriteLine($"  run {run + 1} {variant.Name}: listening {started.Listening.TotalMilliseconds:0} ms, " +
                        $"first 200 {started.FirstOk.TotalMilliseconds:0} ms, CPU {started.Cpu.TotalMilliseconds:0} ms");
                }
            }
        }

        var baseline = variants.Single(v => v.IsBaseline);
        var reference = variants.First(v => v.Name.StartsWith("Storefront", StringComparison.Ordinal));
        return variants.Select(variant =>
        {
            var firstOk = times[variant].Select(t => t.FirstOk.TotalMilliseconds).ToList();
            var cpu = times[variant].Select(t => t.Cpu.TotalMilliseconds).ToList();
            var bareCpu = Stats.Median(times[baseline].Select(t => t.Cpu.TotalMilliseconds));
            var listening = times[variant].Select(t => t.Listening.TotalMilliseconds).ToList();
            var ratios = firstOk.Zip(times[baseline], (ms, bare) => ms / bare.FirstOk.TotalMilliseconds).ToList();
            // What a setting does: against the same app as published.
            var same = variant.Name.StartsWith("Storefront", StringComparison.Ordinal) ? reference : baseline;
            var change = variant == same ? ""
                : $"; {Report.Number((Stats.Median(firstOk) / Stats.Median(times[same].Select(t => t.FirstOk.TotalMilliseconds)) - 1) * 100, "+0;-0")} % vs {(same == reference ? "Storefront" : "bare webapp")} as published";
            return new Row(
                $"Start-up, {variant.Name}",
                $"first 200 after {Report.Ms(Stats.Median(firstOk))} ms (p99 {Report.Ms(Stats.P99(firstOk))}); listening after {Report.Ms(Stats.Median(listening))} ms; " +
                    $"{Report.Ms(Stats.Median(cpu))} ms CPU{change}",
                variant.IsBaseline ? "–" : $"bare webapp {Report.Ms(Stats.Median(times[baseline].Select(t => t.FirstOk.TotalMilliseconds)))} ms; {Report.Ms(bareCpu)} ms CPU",
                variant.IsBaseline ? "1×" : $"{Report.Ratio(ratios)}; CPU {Report.Number(Stats.Median(cpu) / bareCpu, "0.00")}×",
                variant == reference ? "≤ 1.3×" : "");
        }).ToList();
    }
}
