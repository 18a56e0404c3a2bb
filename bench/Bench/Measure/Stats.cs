namespace Bench.Measure;

/// <summary>Percentiles by nearest rank: with few samples the p99 is simply the slowest, never an interpolation.</summary>
public static class Stats
{
    public static double Percentile(IEnumerable<double> values, double percent)
    {
        var sorted = values.Order().ToArray();
        if (sorted.Length == 0)
        {
            return double.NaN;
        }
        var rank = (int)Math.Ceiling(percent / 100 * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }

    public static double Median(IEnumerable<double> values) => Percentile(values, 50);

    public static double P99(IEnumerable<double> values) => Percentile(values, 99);
}
