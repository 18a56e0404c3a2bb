using System.Diagnostics;
using Amazon.SQS.Model;
using LocalDev.LocalAws;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;
using Shop.Shared.Observability;
using Storefront.Checkout;
using TestSupport;

using Storefront.Shopping;

namespace Storefront.Tests;

[Collection(StorefrontCollection.Name)]
public sealed class ObservabilityTests(StorefrontFixture shop)
{
    [Fact]
    public async Task A_valid_correlation_id_is_echoed_and_every_log_line_of_the_request_carries_it_with_the_Lambda_request_id()
    {
        await using var storefront = shop.CreateStorefront(new Dictionary<string, string?> { ["Logging__LogLevel__Microsoft.AspNetCore.Routing"] = "Information" });
        using var client = storefront.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/");
        request.Headers.Add("X-Correlation-Id", "checkout-7f3a9c2e");
        request.Headers.Add("x-amzn-lambda-context", """{"request_id":"52fdfc07-2182-454f-963f-5f0f9a621d72","deadline":1764102615123}""");

        var response = await client.SendAsync(request);

        Assert.Equal("checkout-7f3a9c2e", Assert.Single(response.Headers.GetValues("X-Correlation-Id")));
        var line = Assert.Single(storefront.Services.GetRequiredService<CapturedTelemetry>().LinesWithTemplate("Executing endpoint '{EndpointName}'"));
        Assert.Equal("checkout-7f3a9c2e", line.GetProperty("correlationId").GetString());
        Assert.Equal("52fdfc07-2182-454f-963f-5f0f9a621d72", line.GetProperty("awsRequestId").GetString());
        Assert.Equal("Information", line.GetProperty("level").GetString());
        Assert.Equal("Microsoft.AspNetCore.Routing.EndpointMiddleware", line.GetProperty("category").GetString());
        Assert.StartsWith("Executing endpoint '/Catalog/Index'", line.GetProperty("message").GetString());
        Assert.Equal("/Catalog/Index", line.GetProperty("properties").GetProperty("EndpointName").GetString());
        Assert.True(DateTimeOffset.TryParse(line.GetProperty("timestamp").GetString(), out _));
        Assert.Equal(32, line.GetProperty("traceId").GetString()!.Length);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("short")]
    [InlineData("has spaces in it")]
    [InlineData("<script>alert(1)</script>")]
    public async Task A_missing_or_unusable_correlation_id_is_replaced_by_a_new_one(string? incoming)
    {
        using var client = shop.Storefront.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/healthz");
        if (incoming is not null)
        {
            request.Headers.TryAddWithoutValidation("X-Correlation-Id", incoming);
        }

        var response = await client.SendAsync(request);

        var issued = Assert.Single(response.Headers.GetValues("X-Correlation-Id"));
        Assert.NotEqual(incoming, issued);
        Assert.True(RequestContext.IsValidCorrelationId(issued));
    }

    [Fact]
    public async Task An_accepted_order_is_queued_with_its_correlation_id_and_trace_context_and_measured()
    {
        var settings = await shop.CreateIsolatedOrdersAsync();
        await using var storefront = shop.CreateShoppingStorefront(settings);
        var product = await shop.CreateProductAsync(price: 12.25m, stock: 5);
        using var checkoutRequest = new Activity("checkout request").SetIdFormat(ActivityIdFormat.W3C).Start();
        checkoutRequest.ActivityTraceFlags = ActivityTraceFlags.Recorded;

        var result = await storefront.Services.GetRequiredService<OrderPlacement>().PlaceOrderAsync(
            new Shopper(Guid.NewGuid().ToString("N"), "a@example.com"), [new(product, 2)], ShippingAddresses.Sample, Guid.NewGuid().ToString(), "corr-placed-1", CancellationToken.None);
        checkoutRequest.Stop();

        var order = Assert.IsType<CheckoutResult.Accepted>(result).Order;
        using var sqs = shop.Names.Sqs();
        var message = Assert.Single((await sqs.ReceiveMessageAsync(new ReceiveMessageRequest
        {
            QueueUrl = settings["Queues__Orders"], WaitTimeSeconds = 1, MessageAttributeNames = ["All"],
        })).Messages);
        Assert.Equal("corr-placed-1", message.MessageAttributes["CorrelationId"].StringValue);
        Assert.Equal(checkoutRequest.TraceId.ToString(), message.MessageAttributes["traceparent"].StringValue.Split('-')[1]);

        var placed = Assert.Single(storefront.Services.GetRequiredService<CapturedTelemetry>().Metric("OrdersPlaced"));
        EmfAssert.HasShape(placed, [["Service"]], "OrdersPlaced", "OrderValue");
        Assert.Equal(1, placed.GetProperty("OrdersPlaced").GetDouble());
        Assert.Equal(24.5, placed.GetProperty("OrderValue").GetDouble());
        Assert.Equal("Storefront", placed.GetProperty("Service").GetString());
        Assert.Equal("corr-placed-1", placed.GetProperty("CorrelationId").GetString());
        Assert.Equal(order.OrderId, placed.GetProperty("OrderId").GetString());
    }

    [Fact]
    public async Task A_checkout_that_places_nothing_is_measured_as_rejected_with_its_reason()
    {
        var product = await shop.CreateProductAsync(price: 3m, stock: 1);
        var checkout = shop.Shopping.Services.GetRequiredService<OrderPlacement>();

        await checkout.PlaceOrderAsync(new Shopper("s-rejected", "r@example.com"), [new(product, 2)], ShippingAddresses.Sample, Guid.NewGuid().ToString(), "corr-rejected-1", CancellationToken.None);

        var rejected = Assert.Single(shop.Shopping.Services.GetRequiredService<CapturedTelemetry>().Metric("CheckoutRejected"),
            d => d.GetProperty("CorrelationId").GetString() == "corr-rejected-1");
        EmfAssert.HasShape(rejected, [["Service", "Reason"], ["Service"]], "CheckoutRejected");
        Assert.Equal("OutOfStock", rejected.GetProperty("Reason").GetString());
    }

    [Fact]
    public void In_Lambda_the_console_writes_the_shops_JSON_lines()
    {
        // A setting rather than the environment variable, which would switch every app this test run starts.
        using var storefront = shop.CreateStorefront().WithWebHostBuilder(web => web.UseSetting("AWS_LAMBDA_FUNCTION_NAME", "StorefrontFunction"));

        var console = storefront.Services.GetRequiredService<IOptionsMonitor<ConsoleLoggerOptions>>().CurrentValue;

        Assert.Equal(ShopJsonFormatter.FormatterName, console.FormatterName);
        Assert.Contains(storefront.Services.GetServices<ConsoleFormatter>(), f => f is ShopJsonFormatter);
    }
}
