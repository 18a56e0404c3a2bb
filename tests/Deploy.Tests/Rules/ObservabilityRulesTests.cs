using Deploy.Tests.Template;
using static Deploy.Tests.Rules.RuleTemplate;

namespace Deploy.Tests.Rules;

/// <summary>Logs, alarms and the dashboard (<see cref="DeploymentRules.Observability"/>).</summary>
public sealed class ObservabilityRulesTests
{
    private static readonly CfnTemplate Template = CfnTemplate.Load();

    [Fact]
    public void Logs_are_kept_for_a_while_and_alarms_and_the_dashboard_cover_the_api_functions_and_queues()
    {
        Assert.Empty(DeploymentRules.Observability(Template));
    }

    [Theory]
    [InlineData("OrdersShipped")]
    [InlineData("OrdersCancelled")]
    public void The_dashboard_charts_shipped_and_cancelled_orders(string metric)
    {
        var body = Template.OfType("AWS::CloudWatch::Dashboard").Single().Properties["DashboardBody"]!;

        Assert.Contains(Strings(body), text => text.Contains($"MetricName=\"{metric}\"", StringComparison.Ordinal));
    }

    private static IEnumerable<string> Strings(System.Text.Json.Nodes.JsonNode? node) => node switch
    {
        System.Text.Json.Nodes.JsonObject o => o.SelectMany(p => Strings(p.Value)),
        System.Text.Json.Nodes.JsonArray a => a.SelectMany(Strings),
        System.Text.Json.Nodes.JsonValue v when v.TryGetValue<string>(out var text) => [text],
        _ => [],
    };

    [Fact]
    public void Missing_retention_a_missing_alarm_or_a_silent_alarm_is_refused()
    {
        var broken = Template.With(t =>
        {
            Properties(t, "OrderWorkerLogGroup").Remove("RetentionInDays");
            t["Resources"]!.AsObject().Remove("OrderWorkerThrottlesAlarm");
            t["Resources"]!.AsObject().Remove("ApiLatencyP99Alarm");
            Properties(t, "StorefrontErrorsAlarm").Remove("AlarmActions");
        });

        var problems = DeploymentRules.Observability(broken).ToList();

        Assert.Contains("OrderWorkerLogGroup: needs RetentionInDays (logs kept forever cost forever)", problems);
        Assert.Contains("OrderWorkerFunction: needs an alarm on Throttles", problems);
        Assert.Contains("StorefrontHttpApi: needs an alarm on p99 latency", problems);
        Assert.Contains("StorefrontErrorsAlarm: must notify the alarm topic (AlarmActions)", problems);
    }
}
