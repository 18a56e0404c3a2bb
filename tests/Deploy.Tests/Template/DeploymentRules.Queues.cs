extern alias OrderWorkerApp;

using System.Globalization;
using System.Text.Json.Nodes;
using static Deploy.Tests.Template.CfnTemplate;

namespace Deploy.Tests.Template;

public static partial class DeploymentRules
{
    /// <summary>The worker's email claim lease when its function does not set <c>Email__ClaimLease</c> (the code's default).</summary>
    private static readonly TimeSpan DefaultClaimLease = new OrderWorkerApp::OrderWorker.Email.EmailClaimOptions().ClaimLease;

    /// <summary>Orders queue and its dead-letter queue, and the event source mapping that feeds the worker.</summary>
    public static IEnumerable<string> Queues(CfnTemplate template)
    {
        var queues = template.OfType("AWS::SQS::Queue").ToDictionary(q => q.Id, q => q.Properties);
        var deadLetterQueues = queues.Values.Select(p => Text(p["RedrivePolicy"]?["deadLetterTargetArn"]?["Fn::GetAtt"]?[0])).OfType<string>().ToHashSet();
        foreach (var (id, properties) in queues.Where(q => !deadLetterQueues.Contains(q.Key)))
        {
            var redrive = properties["RedrivePolicy"];
            var target = Text(redrive?["deadLetterTargetArn"]?["Fn::GetAtt"]?[0]);
            if (target is null || !queues.ContainsKey(target))
            {
                yield return $"{id}: needs a RedrivePolicy to a dead-letter queue of this template";
                continue;
            }
            if (!int.TryParse(Number(redrive?["maxReceiveCount"]), out var receives) || receives < 5)
            {
                yield return $"{id}: maxReceiveCount must be at least 5 (a throttled or briefly failing worker must not dead-letter orders)";
            }
            if (Seconds(queues[target]["MessageRetentionPeriod"], 345600) <= Seconds(properties["MessageRetentionPeriod"], 345600))
            {
                yield return $"{target}: must keep messages longer than {id} (a message's age counts from its first send)";
            }
            var visibility = Seconds(properties["VisibilityTimeout"], 30);
            foreach (var (mapping, mappingProperties) in template.OfType("AWS::Lambda::EventSourceMapping")
                .Where(m => TargetOf(m.Properties["EventSourceArn"]) == id))
            {
                var function = TargetOf(mappingProperties["FunctionName"]) ?? "?";
                var timeout = Seconds(template.FunctionProperty(function, "Timeout"), 3);
                var window = Seconds(mappingProperties["MaximumBatchingWindowInSeconds"], 0);
                if (visibility < 6 * timeout + window)
                {
                    yield return $"{id}: VisibilityTimeout {visibility} s is under 6 × {function}'s timeout ({timeout} s) + the batching window ({window} s)";
                }
                // A delivery cut off between sending an email and recording it must find the claim lapsed when the message
                // comes back, or every redelivery finds it held and the message ends as a dead letter, the email unsent.
                var lease = ClaimLease(template, function);
                if (lease is not { } claimLease || claimLease.TotalSeconds < timeout || claimLease.TotalSeconds >= visibility)
                {
                    yield return $"{function}: Email__ClaimLease ({lease?.ToString("c", CultureInfo.InvariantCulture) ?? "not a time span"}) must be at least its timeout ({timeout} s) and shorter than {id}'s VisibilityTimeout ({visibility} s)";
                }
                if (!(mappingProperties["FunctionResponseTypes"]?.AsArray() ?? []).Any(t => Text(t) == "ReportBatchItemFailures"))
                {
                    yield return $"{mapping}: FunctionResponseTypes must include ReportBatchItemFailures";
                }
                if (!mappingProperties.ContainsKey("BatchSize") || !mappingProperties.ContainsKey("MaximumBatchingWindowInSeconds"))
                {
                    yield return $"{mapping}: set BatchSize and MaximumBatchingWindowInSeconds";
                }
                // Confirmation latency is a product promise: with a window Lambda holds a lone order's message that long
                // before invoking the worker. BatchSize still batches under load.
                if (window != 0)
                {
                    yield return $"{mapping}: MaximumBatchingWindowInSeconds must be 0 (each order waits up to the window, {window} s, to be confirmed)";
                }
            }
        }
        foreach (var deadLetterQueue in deadLetterQueues.Where(queues.ContainsKey))
        {
            var alarmed = template.OfType("AWS::CloudWatch::Alarm").Any(a =>
                Text(a.Properties["MetricName"]) == "ApproximateNumberOfMessagesVisible" &&
                (a.Properties["Dimensions"]?.AsArray() ?? []).Any(d => TargetOf(d?["Value"]) == deadLetterQueue) &&
                Number(a.Properties["Threshold"]) == "0" && Text(a.Properties["ComparisonOperator"]) == "GreaterThanThreshold");
            if (!alarmed)
            {
                yield return $"{deadLetterQueue}: needs an alarm when it holds any message (ApproximateNumberOfMessagesVisible > 0)";
            }
        }
    }

    private static TimeSpan? ClaimLease(CfnTemplate template, string function) =>
        template.EnvironmentOf(function).GetValueOrDefault("Email__ClaimLease") is not { } setting ? DefaultClaimLease
        : TimeSpan.TryParse(Text(setting), CultureInfo.InvariantCulture, out var lease) ? lease : null;

    private static int Seconds(JsonNode? node, int absent) =>
        node is null ? absent : int.TryParse(Number(node), out var value) ? value : int.MaxValue;
}
