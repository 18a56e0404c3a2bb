using System.Globalization;
using Bench.Measure;

namespace Bench.Pipeline;

/// <summary>
/// Where a drain's CPU goes, per message: the CPU time (from /proc) the consumer (the worker's process; for the bare
/// consumer, none: it runs in this process), DynamoDB Local, the Node process of the SQS and SES emulators, and this
/// process (the bare consumer, the round trips' proxies, the ledger's polling) used over a stretch of the drain, and
/// what the whole machine used (everyone's work, on a shared machine). Beside the wall time per message it says what
/// bounds a drain: CPU per message adding up to about the cores times the wall time is CPU; far less is waiting.
/// </summary>
public sealed class DrainCpu
{
    private readonly int? _consumer;
    private readonly int? _dynamo = CpuMeter.Child("java");
    private readonly int? _emulators = CpuMeter.Child("node");
    private readonly TimeSpan[] _start;
    private TimeSpan[]? _end;

    private DrainCpu(int? consumer)
    {
        _consumer = consumer;
        _start = Now();
    }

    /// <param name="consumer">The consumer's process, when it is not this one.</param>
    public static DrainCpu Start(int? consumer = null) => new(consumer);

    /// <summary>Ends the stretch (before the consumer's process ends, or more work is done).</summary>
    public DrainCpu Stop()
    {
        _end = Now();
        return this;
    }

    /// <summary>CPU per message from <see cref="Start"/> to <see cref="Stop"/>, for <paramref name="messages"/> handled meanwhile.</summary>
    public CpuPerMessage PerMessage(int messages)
    {
        var used = (_end ?? Now()).Zip(_start, (now, start) => (now - start).TotalMilliseconds / Math.Max(1, messages)).ToArray();
        return new CpuPerMessage(used[0], used[1], used[2], used[3], used[4]);
    }

    private TimeSpan[] Now() =>
    [
        _consumer is { } consumer ? CpuMeter.Used(consumer) : TimeSpan.Zero,
        _dynamo is { } dynamo ? CpuMeter.Used(dynamo) : TimeSpan.Zero,
        _emulators is { } emulators ? CpuMeter.Used(emulators) : TimeSpan.Zero,
        CpuMeter.Used(Environment.ProcessId),
        CpuMeter.Machine(),
    ];
}

/// <summary>Milliseconds of CPU per message, by process.</summary>
public sealed record CpuPerMessage(double Consumer, double DynamoDb, double Emulators, double Bench, double Machine)
{
    public static CpuPerMessage Median(IReadOnlyCollection<CpuPerMessage> runs) => new(
        Stats.Median(runs.Select(r => r.Consumer)), Stats.Median(runs.Select(r => r.DynamoDb)), Stats.Median(runs.Select(r => r.Emulators)),
        Stats.Median(runs.Select(r => r.Bench)), Stats.Median(runs.Select(r => r.Machine)));

    /// <summary>The stack's own processes (not the rest of the machine).</summary>
    public double Total => Consumer + DynamoDb + Emulators + Bench;

    /// <param name="consumer">How the consumer's process is named ("worker"), or null when it runs in this process.</param>
    public string Describe(string? consumer) =>
        (consumer is null ? "" : $"{consumer} {Ms(Consumer)} + ") +
        $"DynamoDB Local {Ms(DynamoDb)} + SQS/SES emulators {Ms(Emulators)} + bench process {Ms(Bench)} ms CPU (machine {Ms(Machine)} ms)";

    private static string Ms(double value) => value.ToString("0.00", CultureInfo.InvariantCulture);
}
