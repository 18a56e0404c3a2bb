using System.Globalization;

namespace Bench.Measure;

/// <summary>
/// CPU time (user + system) a process has used, from /proc/[pid]/stat. Throughput and latency on a shared machine
/// move with everyone else's load; the CPU time a process spends per request moves much less, so the page rows
/// report it too.
/// </summary>
public static class CpuMeter
{
    private const double TicksPerSecond = 100; // USER_HZ on Linux

    public static TimeSpan Used(int pid)
    {
        var path = $"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/stat";
        if (!File.Exists(path))
        {
            return TimeSpan.Zero;
        }
        // After the ")" that ends the command name: state is field 3, utime and stime are fields 14 and 15.
        var stat = File.ReadAllText(path);
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        return TimeSpan.FromSeconds(ticks / TicksPerSecond);
    }

    /// <summary>CPU time the whole machine used (every process, everyone's), from the first line of /proc/stat.</summary>
    public static TimeSpan Machine()
    {
        // cpu  user nice system idle iowait irq softirq steal ...: all but idle and iowait are busy.
        var fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries)[1..]
            .Select(f => long.Parse(f, CultureInfo.InvariantCulture)).ToArray();
        var busy = fields[0] + fields[1] + fields[2] + fields[5] + fields[6] + fields[7];
        return TimeSpan.FromSeconds(busy / TicksPerSecond);
    }

    /// <summary>The bench's own child process running <paramref name="command"/> (e.g. DynamoDB Local's java), if any.</summary>
    public static int? Child(string command)
    {
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), out var pid))
            {
                continue;
            }
            try
            {
                var stat = File.ReadAllText(Path.Combine(directory, "stat"));
                var name = stat[(stat.IndexOf('(') + 1)..stat.LastIndexOf(')')];
                var parent = int.Parse(stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[1], CultureInfo.InvariantCulture);
                if (parent == Environment.ProcessId && name == command)
                {
                    return pid;
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Gone meanwhile.
            }
        }
        return null;
    }
}
