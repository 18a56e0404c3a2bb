namespace LocalDev.FaultProxy;

/// <summary>
/// Which share of calls gets which fault, drawn from a seeded random so a run can be repeated. Errors (500s and
/// dropped connections) are split evenly between before and after forwarding, unless <see cref="OnlyBeforeForwarding"/>:
/// for a service whose calls cannot be made idempotent (SES's SendEmail has no idempotency token), an error after the
/// call happened would be a second email no client can prevent, so the proxy only fails such calls before them.
/// </summary>
public sealed record FaultPlan(double ThrottleShare, double ErrorShare, bool OnlyBeforeForwarding = false)
{
    /// <summary>Everything forwarded untouched.</summary>
    public static readonly FaultPlan Off = new(0, 0);

    /// <summary>
    /// Added to every call before it is answered: the network round trip a call to AWS takes, which the emulators on
    /// loopback do not, so that work which waits on calls can be measured locally as it would wait in AWS.
    /// </summary>
    public TimeSpan Latency { get; init; }

    /// <summary>No faults, every call <paramref name="latency"/> slower.</summary>
    public static FaultPlan RoundTrip(TimeSpan latency) => Off with { Latency = latency };

    public Fault Choose(Random random)
    {
        var roll = random.NextDouble();
        if (roll < ThrottleShare)
        {
            return Fault.Throttle;
        }
        if (roll >= ThrottleShare + ErrorShare)
        {
            return Fault.None;
        }
        // Within the error share, four kinds, equally likely (two when only before forwarding).
        var kind = (int)((roll - ThrottleShare) / ErrorShare * 4);
        return (kind, OnlyBeforeForwarding) switch
        {
            (0, _) => Fault.ServerErrorBefore,
            (1, _) => Fault.DropBefore,
            (2, false) => Fault.ServerErrorAfter,
            (2, true) => Fault.ServerErrorBefore,
            (_, false) => Fault.DropAfter,
            (_, true) => Fault.DropBefore,
        };
    }
}
