using Deploy.Tests.Template;
using static Deploy.Tests.Rules.RuleTemplate;

namespace Deploy.Tests.Rules;

/// <summary>The orders queue, its dead-letter queue and the worker's event source mapping (<see cref="DeploymentRules.Queues"/>).</summary>
public sealed class QueueRulesTests
{
    private static readonly CfnTemplate Template = CfnTemplate.Load();

    [Fact]
    public void The_orders_queue_redrives_to_an_alarmed_dead_letter_queue_and_outlasts_the_worker_and_its_email_claims()
    {
        Assert.Empty(DeploymentRules.Queues(Template));
    }

    [Fact]
    public void A_short_visibility_timeout_few_receives_no_partial_batch_response_or_an_unwatched_DLQ_are_refused()
    {
        var broken = Template.With(t =>
        {
            Properties(t, "OrdersQueue")["VisibilityTimeout"] = 60;
            Properties(t, "OrdersQueue")["RedrivePolicy"]!["maxReceiveCount"] = 2;
            Properties(t, "OrderWorkerQueueMapping").Remove("FunctionResponseTypes");
            t["Resources"]!.AsObject().Remove("DeadLetterQueueNotEmptyAlarm");
        });

        var problems = DeploymentRules.Queues(broken).ToList();

        Assert.Contains("OrdersQueue: VisibilityTimeout 60 s is under 6 × OrderWorkerFunction's timeout (25 s) + the batching window (0 s)", problems);
        Assert.Contains(problems, p => p.StartsWith("OrdersQueue: maxReceiveCount must be at least 5", StringComparison.Ordinal));
        Assert.Contains("OrderWorkerQueueMapping: FunctionResponseTypes must include ReportBatchItemFailures", problems);
        Assert.Contains("OrdersDeadLetterQueue: needs an alarm when it holds any message (ApproximateNumberOfMessagesVisible > 0)", problems);
    }

    [Theory]
    [InlineData("00:03:00")]
    [InlineData("00:00:20")]
    [InlineData("two minutes")]
    public void An_email_claim_lease_that_outlives_the_visibility_timeout_or_lapses_within_a_delivery_is_refused(string lease)
    {
        var broken = Template.With(t => Variables(t, "OrderWorkerFunction")["Email__ClaimLease"] = lease);

        var problem = Assert.Single(DeploymentRules.Queues(broken));
        Assert.StartsWith("OrderWorkerFunction: Email__ClaimLease (", problem, StringComparison.Ordinal);
        Assert.EndsWith("must be at least its timeout (25 s) and shorter than OrdersQueue's VisibilityTimeout (180 s)", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void An_email_claim_lease_the_template_sets_between_the_workers_timeout_and_the_visibility_timeout_is_accepted()
    {
        var shorter = Template.With(t => Variables(t, "OrderWorkerFunction")["Email__ClaimLease"] = "00:01:00");

        Assert.Empty(DeploymentRules.Queues(shorter));
    }

    [Fact]
    public void A_batching_window_that_holds_orders_back_from_confirmation_is_refused()
    {
        var broken = Template.With(t => Properties(t, "OrderWorkerQueueMapping")["MaximumBatchingWindowInSeconds"] = 5);

        Assert.Equal(
            ["OrderWorkerQueueMapping: MaximumBatchingWindowInSeconds must be 0 (each order waits up to the window, 5 s, to be confirmed)"],
            DeploymentRules.Queues(broken));
    }
}
