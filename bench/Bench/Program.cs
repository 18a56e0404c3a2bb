using Bench;
using Bench.Stack;

// The shop's speed as ratios against baselines measured in the same run (bench/README.md). bench/run.sh builds and
// publishes everything first; this starts the local stack, measures, prints the table and stops what it started,
// also when a measurement fails or the run is interrupted.
var options = BenchOptions.Parse(args);
Cleanup.StopEverythingOnSignals();
try
{
    var results = await BenchRun.RunAsync(options, $"bench/run.sh {string.Join(' ', args)}".Trim());
    Directory.CreateDirectory(options.Out);
    var file = Path.Combine(options.Out, $"results-{DateTime.UtcNow:yyyyMMdd-HHmmss}.md");
    await File.WriteAllTextAsync(file, results);
    Console.WriteLine($"\n{results}\n(also in {file})");
    return 0;
}
catch (Exception e)
{
    Console.Error.WriteLine($"The bench failed: {e}");
    return 1;
}
finally
{
    await Cleanup.StopAllAsync();
}
