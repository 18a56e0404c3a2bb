using static Deploy.Tests.Template.CfnTemplate;

namespace Deploy.Tests.Template;

public static partial class DeploymentRules
{
    /// <summary>Logs with retention, and the alarms and dashboard an operator needs.</summary>
    public static IEnumerable<string> Observability(CfnTemplate template)
    {
        foreach (var (id, properties) in template.OfType("AWS::Logs::LogGroup").Where(l => !l.Properties.ContainsKey("RetentionInDays")))
        {
            yield return $"{id}: needs RetentionInDays (logs kept forever cost forever)";
        }
        foreach (var function in template.FunctionIds)
        {
            if (TargetOf(template.PropertiesOf(function)["LoggingConfig"]?["LogGroup"]) is not { } group || template.TypeOf(group) != "AWS::Logs::LogGroup")
            {
                yield return $"{function}: LoggingConfig.LogGroup must be a log group of this template (one with retention)";
            }
        }
        foreach (var (stage, properties) in template.OfType("AWS::ApiGatewayV2::Stage"))
        {
            if (TargetOf(properties["AccessLogSettings"]?["DestinationArn"]) is not { } group || template.TypeOf(group) != "AWS::Logs::LogGroup")
            {
                yield return $"{stage}: needs access logs to a log group of this template";
            }
        }

        var alarms = template.OfType("AWS::CloudWatch::Alarm").ToList();
        bool Alarmed(string metric, string dimensionTarget) => alarms.Any(a =>
            (Text(a.Properties["MetricName"]) == metric && (a.Properties["Dimensions"]?.AsArray() ?? []).Any(d => TargetOf(d?["Value"]) == dimensionTarget)) ||
            (a.Properties["Metrics"]?.AsArray() ?? []).Any(m => Text(m?["MetricStat"]?["Metric"]?["MetricName"]) == metric &&
                (m?["MetricStat"]?["Metric"]?["Dimensions"]?.AsArray() ?? []).Any(d => TargetOf(d?["Value"]) == dimensionTarget)));

        foreach (var function in template.FunctionIds)
        {
            foreach (var metric in new[] { "Errors", "Throttles" }.Where(m => !Alarmed(m, function)))
            {
                yield return $"{function}: needs an alarm on {metric}";
            }
        }
        foreach (var (api, _) in template.OfType("AWS::ApiGatewayV2::Api"))
        {
            if (!Alarmed("5xx", api))
            {
                yield return $"{api}: needs an alarm on the 5xx rate";
            }
            if (!alarms.Any(a => Text(a.Properties["MetricName"]) == "Latency" && Text(a.Properties["ExtendedStatistic"]) == "p99" &&
                (a.Properties["Dimensions"]?.AsArray() ?? []).Any(d => TargetOf(d?["Value"]) == api)))
            {
                yield return $"{api}: needs an alarm on p99 latency";
            }
        }
        foreach (var (queue, _) in template.OfType("AWS::SQS::Queue").Where(q => q.Properties.ContainsKey("RedrivePolicy")))
        {
            if (!Alarmed("ApproximateAgeOfOldestMessage", queue))
            {
                yield return $"{queue}: needs an alarm on the age of its oldest message";
            }
        }
        foreach (var (alarm, properties) in alarms)
        {
            if (TargetOf(properties["AlarmActions"]?[0]) is not { } topic || template.TypeOf(topic) != "AWS::SNS::Topic")
            {
                yield return $"{alarm}: must notify the alarm topic (AlarmActions)";
            }
        }

        var dashboard = template.OfType("AWS::CloudWatch::Dashboard").Select(d => d.Properties["DashboardBody"]).FirstOrDefault();
        if (dashboard is null)
        {
            yield return "a CloudWatch dashboard is missing";
            yield break;
        }
        var shown = ReferencesIn(dashboard).Select(r => r.Target).ToHashSet();
        foreach (var missing in template.FunctionIds
            .Concat(template.OfType("AWS::SQS::Queue").Select(q => q.Id))
            .Concat(template.OfType("AWS::ApiGatewayV2::Api").Select(a => a.Id))
            .Where(id => !shown.Contains(id)))
        {
            yield return $"the dashboard does not show {missing}";
        }
    }
}
