using System.ComponentModel.DataAnnotations;

namespace OrderWorker.Sweep;

/// <summary>When a PENDING order or an owed email counts as stuck (its message lost), and how often the local timer looks.</summary>
public sealed class SweepOptions
{
    public const string Section = "Sweep";

    /// <summary>An order still PENDING this long after it was placed, or an email still owed this long after the status
    /// change that owes it, gets its message sent again.</summary>
    [Range(10, 86400)]
    public int PendingForSeconds { get; set; } = 120;

    [Range(1, 1000)]
    public int MaxOrdersPerRun { get; set; } = 100;

    /// <summary>Local only: run the sweep on a timer (in AWS an EventBridge schedule invokes it).</summary>
    public bool TimerEnabled { get; set; }

    [Range(1, 3600)]
    public int TimerIntervalSeconds { get; set; } = 30;
}
