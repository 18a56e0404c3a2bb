using System.Diagnostics;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Shop.Shared.Observability;
using TestSupport;

namespace Storefront.Tests;

/// <summary>The two JSON shapes CloudWatch reads from the functions' output: log lines and EMF documents.</summary>
public sealed class TelemetryFormatTests
{
    [Fact]
    public void A_log_line_is_one_JSON_object_with_its_template_values_scope_ids_and_exception()
    {
        var captured = new CapturedTelemetry();
        using var factory = LoggerFactory.Create(logging => logging
            .Configure(o => o.ActivityTrackingOptions = ActivityTrackingOptions.TraceId | ActivityTrackingOptions.SpanId)
            .AddProvider(captured));
        var logger = factory.CreateLogger("Shop.Test");
        using var activity = new Activity("test").SetIdFormat(ActivityIdFormat.W3C).Start();

        using (logger.BeginScope(new Dictionary<string, object?> { ["CorrelationId"] = "corr-outer", ["AwsRequestId"] = "req-9" }))
        using (logger.BeginScope(new Dictionary<string, object?> { ["CorrelationId"] = "corr-inner", ["MessageId"] = "m-1" }))
        {
            logger.LogError(new InvalidOperationException("SES said no\nwith a second line"),
                "Email for order {OrderId} failed after {Attempts} attempts ({Sent})", "261125-203015-K7QD", 3, false);
        }

        var line = Assert.Single(captured.LogLines);
        Assert.Equal("Error", line.GetProperty("level").GetString());
        Assert.Equal("Shop.Test", line.GetProperty("category").GetString());
        Assert.Equal("Email for order 261125-203015-K7QD failed after 3 attempts (False)", line.GetProperty("message").GetString());
        Assert.Equal("Email for order {OrderId} failed after {Attempts} attempts ({Sent})", line.GetProperty("messageTemplate").GetString());
        Assert.Equal("corr-inner", line.GetProperty("correlationId").GetString());
        Assert.Equal("req-9", line.GetProperty("awsRequestId").GetString());
        Assert.Equal(activity.TraceId.ToString(), line.GetProperty("traceId").GetString());
        Assert.Equal(activity.SpanId.ToString(), line.GetProperty("spanId").GetString());
        var properties = line.GetProperty("properties");
        Assert.Equal("261125-203015-K7QD", properties.GetProperty("OrderId").GetString());
        Assert.Equal(3, properties.GetProperty("Attempts").GetInt32());
        Assert.False(properties.GetProperty("Sent").GetBoolean());
        Assert.Equal("m-1", properties.GetProperty("MessageId").GetString());
        Assert.False(properties.TryGetProperty("CorrelationId", out _));
        Assert.StartsWith("System.InvalidOperationException: SES said no\nwith a second line", line.GetProperty("exception").GetString());
        Assert.True(DateTimeOffset.TryParse(line.GetProperty("timestamp").GetString(), out var at) && at.Offset == TimeSpan.Zero);
    }

    [Fact]
    public void An_EMF_document_declares_namespace_dimensions_and_metrics_and_holds_their_values_at_its_root()
    {
        var at = new DateTimeOffset(2026, 11, 25, 20, 30, 15, 123, TimeSpan.Zero);

        var json = new EmfDocument("NorthwindGoods", at)
            .Dimension("Service", "OrderWorker").Dimension("Reason", "OutOfStock")
            .DimensionSet("Service", "Reason").DimensionSet("Service")
            .Metric("CheckoutRejected", 1, MetricUnit.Count).Metric("OrderConfirmationLatency", 1250.5, MetricUnit.Milliseconds)
            .Property("CorrelationId", "corr-1").Property("OrderId", null)
            .ToJson();

        Assert.DoesNotContain('\n', json);
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        Assert.Equal(at.ToUnixTimeMilliseconds(), root.GetProperty("_aws").GetProperty("Timestamp").GetInt64());
        var directive = Assert.Single(root.GetProperty("_aws").GetProperty("CloudWatchMetrics").EnumerateArray());
        Assert.Equal(["Namespace", "Dimensions", "Metrics"], directive.EnumerateObject().Select(p => p.Name));
        Assert.Equal("""[["Service","Reason"],["Service"]]""", directive.GetProperty("Dimensions").GetRawText());
        Assert.Equal("""[{"Name":"CheckoutRejected","Unit":"Count"},{"Name":"OrderConfirmationLatency","Unit":"Milliseconds"}]""",
            directive.GetProperty("Metrics").GetRawText());
        Assert.Equal("OrderWorker", root.GetProperty("Service").GetString());
        Assert.Equal("OutOfStock", root.GetProperty("Reason").GetString());
        Assert.Equal(1, root.GetProperty("CheckoutRejected").GetDouble());
        Assert.Equal(1250.5, root.GetProperty("OrderConfirmationLatency").GetDouble());
        Assert.Equal("corr-1", root.GetProperty("CorrelationId").GetString());
        Assert.False(root.TryGetProperty("OrderId", out _));
    }

    [Fact]
    public void An_EMF_document_refuses_what_CloudWatch_would_reject()
    {
        Assert.Throws<ArgumentException>(() => new EmfDocument("N", DateTimeOffset.UtcNow).Metric("A", 1, MetricUnit.Count).Metric("A", 2, MetricUnit.Count));
        Assert.Throws<ArgumentException>(() => new EmfDocument("N", DateTimeOffset.UtcNow).Dimension("Service", ""));
        Assert.Throws<ArgumentException>(() => new EmfDocument("N", DateTimeOffset.UtcNow).DimensionSet("Undeclared"));
        Assert.Throws<ArgumentOutOfRangeException>(() => new EmfDocument("N", DateTimeOffset.UtcNow).Metric("A", double.NaN, MetricUnit.None));
        Assert.Throws<InvalidOperationException>(() => new EmfDocument("N", DateTimeOffset.UtcNow).Dimension("Service", "S").ToJson());
    }
}
