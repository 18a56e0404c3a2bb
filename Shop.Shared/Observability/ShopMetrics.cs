using System.ComponentModel.DataAnnotations;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Shop.Shared.Orders;

namespace Shop.Shared.Observability;

/// <summary>Where business metrics go in CloudWatch.</summary>
public sealed class MetricsOptions
{
    public const string Section = "Metrics";

    /// <summary>The CloudWatch namespace of the shop's metrics (the template's <c>MetricsNamespace</c> parameter).</summary>
    [Required]
    public string Namespace { get; set; } = "";
}

/// <summary>Where EMF lines are written: standard output, which Lambda sends to CloudWatch Logs.</summary>
public interface IMetricsOutput
{
    void WriteLine(string emfDocument);
}

public sealed class ConsoleMetricsOutput : IMetricsOutput
{
    // Console.Out is synchronized, so a document is never interleaved with a log line written at the same time.
    public void WriteLine(string emfDocument) => Console.Out.WriteLine(emfDocument);
}

/// <summary>
/// The shop's business metrics, in shop terms. Each is written as a CloudWatch Embedded Metric Format line (what the
/// dashboard and alarms in AWS use) and recorded on the <c>Shop</c> meter (what the Aspire dashboard charts locally,
/// over OTLP). Every metric has the dimension <c>Service</c> (the app's name); each line carries the correlation id
/// and order id, so a spike on a graph leads straight to the orders behind it in Logs Insights.
/// </summary>
public sealed class ShopMetrics
{
    public const string MeterName = "Shop";
    public const string ServiceDimension = "Service";

    private readonly IMetricsOutput _output;
    private readonly string _namespace;
    private readonly string _service;
    private readonly TimeProvider _clock;
    private readonly Counter<long> _ordersPlaced;
    private readonly Histogram<double> _orderValue;
    private readonly Counter<long> _checkoutRejected;
    private readonly Counter<long> _ordersConfirmed;
    private readonly Histogram<double> _confirmationLatency;
    private readonly Counter<long> _emailsSent;
    private readonly Counter<long> _emailFailures;
    private readonly Counter<long> _ordersCancelled;
    private readonly Counter<long> _ordersShipped;
    private readonly Counter<long> _ordersDelivered;
    private readonly Counter<double> _catalogReadUnits;

    public ShopMetrics(IMetricsOutput output, IOptions<MetricsOptions> options, IHostEnvironment environment, TimeProvider clock, IMeterFactory meters)
    {
        _output = output;
        _namespace = options.Value.Namespace;
        _service = environment.ApplicationName;
        _clock = clock;
        var meter = meters.Create(MeterName);
        _ordersPlaced = meter.CreateCounter<long>("shop.orders.placed", "{order}");
        _orderValue = meter.CreateHistogram<double>("shop.order.value", description: "Order total in the shop's currency");
        _checkoutRejected = meter.CreateCounter<long>("shop.checkout.rejected", "{checkout}");
        _ordersConfirmed = meter.CreateCounter<long>("shop.orders.confirmed", "{order}");
        _confirmationLatency = meter.CreateHistogram<double>("shop.order.confirmation_latency", "ms");
        _emailsSent = meter.CreateCounter<long>("shop.emails.sent", "{email}");
        _emailFailures = meter.CreateCounter<long>("shop.email.failures", "{email}");
        _ordersCancelled = meter.CreateCounter<long>("shop.orders.cancelled", "{order}");
        _ordersShipped = meter.CreateCounter<long>("shop.orders.shipped", "{order}");
        _ordersDelivered = meter.CreateCounter<long>("shop.orders.delivered", "{order}");
        _catalogReadUnits = meter.CreateCounter<double>("shop.catalog.read_units", "{read unit}");
    }

    /// <summary>A new order was accepted (not a replay of one already placed).</summary>
    public void OrderPlaced(Order order)
    {
        Write(ForOrder(order).Metric("OrdersPlaced", 1, MetricUnit.Count).Metric("OrderValue", (double)order.Total, MetricUnit.None));
        _ordersPlaced.Add(1);
        _orderValue.Record((double)order.Total);
    }

    /// <summary>A checkout placed no order; <paramref name="reason"/> is a short fixed word (it is a dimension).</summary>
    public void CheckoutRejected(string reason, string correlationId)
    {
        Write(New().Dimension("Reason", reason).DimensionSet(ServiceDimension, "Reason").DimensionSet(ServiceDimension)
            .Metric("CheckoutRejected", 1, MetricUnit.Count).Property("CorrelationId", correlationId));
        _checkoutRejected.Add(1, new KeyValuePair<string, object?>("reason", reason));
    }

    /// <summary>The order went PENDING → CONFIRMED; the latency is from placing to confirming.</summary>
    public void OrderConfirmed(Order order)
    {
        var latency = ((order.ConfirmedAt ?? _clock.GetUtcNow()) - order.PlacedAt).TotalMilliseconds;
        Write(ForOrder(order).Metric("OrdersConfirmed", 1, MetricUnit.Count).Metric("OrderConfirmationLatency", latency, MetricUnit.Milliseconds));
        _ordersConfirmed.Add(1);
        _confirmationLatency.Record(latency);
    }

    /// <summary>The order went to CANCELLED (once per order); who cancelled it is a property, not a dimension.</summary>
    public void OrderCancelled(Order order, OrderActor by, string correlationId)
    {
        Write(New().Property("OrderId", order.OrderId).Property("CorrelationId", correlationId).Property("CancelledBy", by.ToString())
            .Metric("OrdersCancelled", 1, MetricUnit.Count));
        _ordersCancelled.Add(1, new KeyValuePair<string, object?>("by", by.ToString()));
    }

    /// <summary>An operator moved the order on (SHIPPED, DELIVERED; once per order), in the request with <paramref name="correlationId"/>.</summary>
    public void OrderFulfilled(Order order, string correlationId)
    {
        var metric = order.Status == OrderStatus.Shipped ? "OrdersShipped" : "OrdersDelivered";
        Write(New().Property("OrderId", order.OrderId).Property("CorrelationId", correlationId).Metric(metric, 1, MetricUnit.Count));
        (order.Status == OrderStatus.Shipped ? _ordersShipped : _ordersDelivered).Add(1);
    }

    public void EmailSent(Order order)
    {
        Write(ForOrder(order).Metric("EmailsSent", 1, MetricUnit.Count));
        _emailsSent.Add(1);
    }

    public void EmailFailed(Order order)
    {
        Write(ForOrder(order).Metric("EmailFailures", 1, MetricUnit.Count));
        _emailFailures.Add(1);
    }

    /// <summary>An instance read the products table for its catalog snapshot: <paramref name="how"/> is "scan" (the
    /// whole table) or "changes" (the change index), a dimension.</summary>
    public void CatalogRead(string how, double readUnits, int products)
    {
        Write(New().Dimension("Read", how).DimensionSet(ServiceDimension, "Read")
            .Metric("CatalogReadUnits", readUnits, MetricUnit.None).Metric("CatalogProductsRead", products, MetricUnit.Count));
        _catalogReadUnits.Add(readUnits, new KeyValuePair<string, object?>("read", how));
    }

    private EmfDocument New() => new EmfDocument(_namespace, _clock.GetUtcNow()).Dimension(ServiceDimension, _service);

    private EmfDocument ForOrder(Order order) =>
        New().Property("OrderId", order.OrderId).Property("CorrelationId", order.CorrelationId);

    private void Write(EmfDocument document) => _output.WriteLine(document.ToJson());
}
