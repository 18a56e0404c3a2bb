using System.Globalization;
using Bench.Measure;

namespace Bench;

/// <summary>One line of the results table: what the shop did, what its baseline did in the same run, and the ratio.</summary>
public sealed record Row(string Measurement, string Shop, string Baseline, string Ratio, string Target = "");

/// <summary>The results table, in Markdown so it pastes into bench/RESULTS.md as printed.</summary>
public sealed class Report
{
    private readonly List<Row> _rows = [];

    public void Add(IEnumerable<Row> rows) => _rows.AddRange(rows);

    public string ToMarkdown()
    {
        var lines = new List<string>
        {
            "| measurement | shop | baseline (same run) | ratio shop ÷ baseline: median (min–max) | target |",
            "| --- | --- | --- | --- | --- |",
        };
        lines.AddRange(_rows.Select(r => $"| {r.Measurement} | {r.Shop} | {r.Baseline} | {r.Ratio} | {r.Target} |"));
        return string.Join('\n', lines);
    }

    public static string Ms(double value) => value.ToString(value < 10 ? "0.0" : "0", CultureInfo.InvariantCulture);

    public static string Number(double value, string format = "0") => value.ToString(format, CultureInfo.InvariantCulture);

    /// <summary>The median of per-run ratios with their range: drift between runs moves both sides of a ratio.</summary>
    public static string Ratio(IReadOnlyCollection<double> perRun) =>
        perRun.Count == 0 ? "–" : perRun.Count == 1
            ? $"{Number(perRun.First(), "0.00")}×"
            : $"{Number(Stats.Median(perRun), "0.00")}× ({Number(perRun.Min(), "0.00")}–{Number(perRun.Max(), "0.00")})";

    public static string Kb(double bytes) => $"{Number(bytes / 1024, "0.0")} KB";
}
