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
