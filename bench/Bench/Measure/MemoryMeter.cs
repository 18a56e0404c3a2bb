using System.Globalization;

namespace Bench.Measure;

/// <summary>
/// The most resident memory a process has held (<c>VmHWM</c> in /proc/[pid]/status): what a Lambda function's
/// <c>MemorySize</c> must leave room for, since Lambda stops a function that goes over it.
/// </summary>
public static class MemoryMeter
{
    public static double PeakMb(int pid)
    {
        var path = $"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/status";
        if (!File.Exists(path))
        {
            return double.NaN;
        }
        var line = File.ReadLines(path).FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        return line is null ? double.NaN
            : long.Parse(line["VmHWM:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) / 1024.0;
    }

    public static Row Describe(string name, double peakMb, (string Name, double PeakMb)? baseline = null) => new(
        $"Peak memory: {name}",
        $"{Report.Number(peakMb)} MB resident at most",
        baseline is { } b ? $"{b.Name}: {Report.Number(b.PeakMb)} MB" : "–",
        baseline is { } r ? Report.Number(peakMb / r.PeakMb, "0.00") + "×" : "–");
}
