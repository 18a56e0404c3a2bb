namespace LocalDev.FaultProxy;

/// <summary>What the proxy does to one call.</summary>
public enum Fault
{
    /// <summary>Forwarded untouched.</summary>
    None,

    /// <summary>Answered with the service's throttling error, not forwarded: a throttled call never happens.</summary>
    Throttle,

    /// <summary>Answered with the service's 500, not forwarded.</summary>
    ServerErrorBefore,

    /// <summary>Forwarded, then the service's answer replaced with its 500: the call happened, the client sees it fail.</summary>
    ServerErrorAfter,

    /// <summary>The connection reset before anything is forwarded.</summary>
    DropBefore,

    /// <summary>Forwarded, then the connection reset before the answer: the call happened, the client cannot know.</summary>
    DropAfter,
}
