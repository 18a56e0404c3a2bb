using System.Diagnostics;
using System.Text.Json;

namespace Bench.Measure;

/// <summary>One wrk run: requests per second and latency percentiles over a closed loop of connections.</summary>
public sealed record LoadResult(double RequestsPerSecond, double P50Ms, double P99Ms, long Requests, long Errors, double BytesPerResponse);

/// <summary>
/// Runs Debian's wrk (C, epoll: it takes far less CPU per request than the app under test, which matters when both
/// share two cores). One thread, a fixed connection count, a fixed duration; wrk-report.lua prints the figures.
/// </summary>
public static class Wrk
{
    private static readonly string Script = Path.Combine(AppContext.BaseDirectory, "Measure", "wrk-report.lua");

    public static async Task<LoadResult> RunAsync(string url, TimeSpan duration, int connections, IReadOnlyDictionary<string, string>? headers = null)
    {
        var info = new ProcessStartInfo("wrk") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { "-t1", $"-c{connections}", $"-d{Math.Max(1, (int)duration.TotalSeconds)}s", "--timeout", "10s", "-s", Script })
        {
            info.ArgumentList.Add(argument);
        }
        foreach (var (name, value) in headers ?? new Dictionary<string, string>())
        {
            info.ArgumentList.Add("-H");
            info.ArgumentList.Add($"{name}: {value}");
        }
        info.ArgumentList.Add(url);
        using var wrk = Process.Start(info) ?? throw new InvalidOperationException("wrk did not start.");
        var output = wrk.StandardOutput.ReadToEndAsync();
        var errors = wrk.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(duration + TimeSpan.FromSeconds(30));
        await wrk.WaitForExitAsync(deadline.Token);
        var line = (await output).Split('\n').FirstOrDefault(l => l.StartsWith("BENCH_JSON ", StringComparison.Ordinal))
            ?? throw new InvalidOperationException($"wrk printed no result for {url}:\n{await output}\n{await errors}");
        using var json = JsonDocument.Parse(line["BENCH_JSON ".Length..]);
        var root = json.RootElement;
        var requests = root.GetProperty("requests").GetInt64();
        var seconds = root.GetProperty("duration_us").GetInt64() / 1e6;
        return new LoadResult(
            requests / seconds,
            root.GetProperty("p50_us").GetInt64() / 1000.0,
            root.GetProperty("p99_us").GetInt64() / 1000.0,
            requests,
            root.GetProperty("errors").GetInt64(),
            requests == 0 ? 0 : root.GetProperty("bytes").GetInt64() / (double)requests);
    }
}
