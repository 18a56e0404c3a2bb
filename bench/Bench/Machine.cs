using System.Runtime.InteropServices;

namespace Bench;

/// <summary>What the figures were measured on, and how busy the machine was (others share it).</summary>
public static class Machine
{
    public static string Describe() => string.Join('\n',
        $"- date: {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC",
        $"- machine: {Environment.ProcessorCount} cores ({Read("/proc/cpuinfo", "model name")}), {MemoryGb()} GB memory, {Read("/etc/os-release", "PRETTY_NAME")}",
        $"- runtime: {RuntimeInformation.FrameworkDescription}",
        $"- load average at the start: {LoadAverage()}");

    /// <summary>1, 5 and 15-minute load averages: above the core count, other work was queuing for the CPU.</summary>
    public static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";

    private static string Read(string file, string key) =>
        File.Exists(file)
            ? File.ReadLines(file).Where(l => l.StartsWith(key, StringComparison.Ordinal))
                .Select(l => l.Split(['=', ':'], 2)[1].Trim().Trim('"')).FirstOrDefault() ?? "unknown"
            : "unknown";

    private static string MemoryGb()
    {
        var total = Read("/proc/meminfo", "MemTotal").Split(' ')[0];
        return long.TryParse(total, out var kb) ? (kb / 1024.0 / 1024).ToString("0", System.Globalization.CultureInfo.InvariantCulture) : "?";
    }
}
