using System.Diagnostics;

namespace Shop.Shared.Observability;

/// <summary>
/// Carries W3C trace context through SQS as message attributes (<c>traceparent</c>, <c>tracestate</c>), so the
/// Storefront's checkout, the message and the worker's processing show as one trace. SQS has no headers, and the
/// Lambda event only keeps message attributes, so that is where the context goes.
/// </summary>
public static class MessageTracing
{
    public const string SourceName = "Shop.Messaging";
    public const string TraceParentAttribute = "traceparent";
    public const string TraceStateAttribute = "tracestate";

    public static readonly ActivitySource Source = new(SourceName);

    /// <summary>A producer span for one message; null when nothing listens (no tracing configured).</summary>
    public static Activity? StartSend(string messageType, string queueUrl, string correlationId)
    {
        var activity = Source.StartActivity($"send {messageType}", ActivityKind.Producer);
        activity?.SetTag("messaging.system", "aws_sqs");
        activity?.SetTag("messaging.destination.name", QueueName(queueUrl));
        activity?.SetTag("shop.correlation_id", correlationId);
        return activity;
    }

    /// <summary>The attributes that continue <paramref name="activity"/>'s trace; none without a W3C activity.</summary>
    public static IEnumerable<KeyValuePair<string, string>> ContextAttributes(Activity? activity)
    {
        if (activity is not { IdFormat: ActivityIdFormat.W3C, Id: { } id })
        {
            yield break;
        }
        yield return new(TraceParentAttribute, id);
        if (!string.IsNullOrEmpty(activity.TraceStateString))
        {
            yield return new(TraceStateAttribute, activity.TraceStateString);
        }
    }

    /// <summary>
    /// A consumer span for one received message: a child of the sender's span when the message carries its context,
    /// linked to the current span (the Lambda invocation, or the local poller's request) so both stay findable.
    /// </summary>
    public static Activity? StartProcess(string messageType, string? traceParent, string? traceState, string correlationId)
    {
        var invocation = Activity.Current;
        ActivityLink[]? links = invocation is null ? null : [new ActivityLink(invocation.Context)];
        var activity = ActivityContext.TryParse(traceParent, traceState, isRemote: true, out var sender)
            ? Source.StartActivity($"process {messageType}", ActivityKind.Consumer, sender, links: links)
            : Source.StartActivity($"process {messageType}", ActivityKind.Consumer);
        activity?.SetTag("messaging.system", "aws_sqs");
        activity?.SetTag("shop.correlation_id", correlationId);
        return activity;
    }

    private static string QueueName(string queueUrl) => queueUrl[(queueUrl.TrimEnd('/').LastIndexOf('/') + 1)..];
}
