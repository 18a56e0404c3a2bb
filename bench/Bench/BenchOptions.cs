using System.Globalization;

namespace Bench;

/// <summary>
/// How long and how often to measure. Defaults take about a quarter of an hour on two cores; <c>--quick</c> checks
/// the whole run works in a few minutes (too few runs to quote).
/// </summary>
public sealed record BenchOptions
{
    public required string Out { get; init; }
    public int Rounds { get; init; } = 5;
    public TimeSpan LoadDuration { get; init; } = TimeSpan.FromSeconds(5);
    public TimeSpan WarmUp { get; init; } = TimeSpan.FromSeconds(15);
    public int Connections { get; init; } = 16;
    public TimeSpan CheckoutDuration { get; init; } = TimeSpan.FromSeconds(4);
    public int StartupRuns { get; init; } = 5;
    public int BacklogOrdersPerShopper { get; init; } = 7;
    public int PipelineOrdersPerRound { get; init; } = 20;
    public IReadOnlySet<string> Only { get; init; } = new HashSet<string>();

    public bool Runs(string part) => Only.Count == 0 || Only.Contains(part);

    public static BenchOptions Parse(string[] args)
    {
        var options = new BenchOptions { Out = Path.GetFullPath(Path.Combine(LocalDev.LocalAws.RepoPaths.Root, "bench", ".out")) };
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
            int Int() => int.Parse(Next(), CultureInfo.InvariantCulture);
            options = args[i] switch
            {
                "--out" => options with { Out = Path.GetFullPath(Next()) },
                "--rounds" => options with { Rounds = Int() },
                "--duration" => options with { LoadDuration = TimeSpan.FromSeconds(Int()) },
                "--connections" => options with { Connections = Int() },
                "--startup-runs" => options with { StartupRuns = Int() },
                "--only" => options with { Only = Next().Split(',').ToHashSet() },
                "--quick" => options with
                {
                    Rounds = 1, LoadDuration = TimeSpan.FromSeconds(2), WarmUp = TimeSpan.FromSeconds(3), CheckoutDuration = TimeSpan.FromSeconds(2),
                    StartupRuns = 2, BacklogOrdersPerShopper = 2, PipelineOrdersPerRound = 8,
                },
                var unknown => throw new ArgumentException(
                    $"Unknown option {unknown}. Options: --quick, --rounds N, --duration S, --connections N, --startup-runs N, " +
                    "--only startup,pages,catalog10k,weight,checkout,pipeline, --out DIR"),
            };
        }
        return options;
    }
}
