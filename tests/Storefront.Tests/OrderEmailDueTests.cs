using System.Net;
using Amazon.DynamoDBv2.Model;
using Amazon.SQS.Model;
using LocalDev.LocalAws;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Shop.Shared.Observability;
using Shop.Shared.Orders;
using Storefront.Orders;
using TestSupport;

namespace Storefront.Tests;

/// <summary>
/// Every status change after confirmation (and an operator's resend) owes the shopper an email: written on the order
/// with the change, then queued for the worker with the correlation id of the request that made the change.
/// </summary>
[Collection(StorefrontCollection.Name)]
public sealed class OrderEmailDueTests(StorefrontFixture shop)
{
    private const string Admin = "operator-7;staff,admin";

    [Fact]
    public async Task Marking_an_order_shipped_owes_the_shipped_email_and_queues_and_measures_it_with_the_requests_correlation_id()
    {
        var (storefront, queue) = await IsolatedAsync();
        await using var owned = storefront;
        var order = await ConfirmedOrderAsync(storefront);
        using var client = storefront.Browser(Admin);
        var url = $"/operations/orders/{order.OrderId}";
        var form = OperatorOrderPageTests.Form(await client.GetDocumentAsync(url), ("Carrier", "UPS"), ("TrackingNumber", "1Z999AA10123456784"));

        using var request = new HttpRequestMessage(HttpMethod.Post, $"{url}?handler=ship") { Content = new FormUrlEncodedContent(form) };
        request.Headers.Add(RequestContext.CorrelationIdHeader, "corr-ship-0001");
        var shipped = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Redirect, shipped.StatusCode);
        var message = Assert.Single(await ReceiveAllAsync(queue));
        Assert.Equal(OrderEmailDue.MessageType, message.MessageAttributes["MessageType"].StringValue);
        Assert.Equal("corr-ship-0001", message.MessageAttributes["CorrelationId"].StringValue);
        Assert.True(OrderEmailDue.TryParse(message.Body, out var due, out _));
        Assert.Equal(new OrderEmailDue(order.OrderId, order.ShopperId, "SHIPPED"), due);
        Assert.Equal(["SHIPPED"], await OwedAsync(storefront, order));
        var shippedMetric = Assert.Single(storefront.Services.GetRequiredService<CapturedTelemetry>().Metric("OrdersShipped"));
        EmfAssert.HasShape(shippedMetric, [["Service"]], "OrdersShipped");
        Assert.Equal("corr-ship-0001", shippedMetric.GetProperty("CorrelationId").GetString());
        Assert.Equal(order.OrderId, shippedMetric.GetProperty("OrderId").GetString());
    }

    [Fact]
    public async Task Resend_owes_one_more_email_per_click_and_the_same_form_posted_again_owes_nothing()
    {
        var (storefront, queue) = await IsolatedAsync();
        await using var owned = storefront;
        var order = await ConfirmedOrderAsync(storefront);
        using var client = storefront.Browser(Admin);
        var url = $"/operations/orders/{order.OrderId}";
        var page = await client.GetDocumentAsync(url);
        var form = OperatorOrderPageTests.Form(page, ("stepsSeen", page.QuerySelector("input[name=stepsSeen]")!.GetAttribute("value")!));

        var first = await client.PostFormAsync($"{url}?handler=resend", form);
        var replayed = await client.PostFormAsync($"{url}?handler=resend", form);

        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, replayed.StatusCode);
        var message = Assert.Single(await ReceiveAllAsync(queue));
        Assert.True(OrderEmailDue.TryParse(message.Body, out var due, out _));
        Assert.Equal("CONFIRMED#2", due!.Email);
        var stored = (await Orders(storefront).FindAsync(order.ShopperId, order.OrderId, CancellationToken.None))!;
        var resend = Assert.Single(stored.Timeline, s => s.Note?.StartsWith("Resent", StringComparison.Ordinal) == true);
        Assert.Equal((OrderStatus.Confirmed, OrderActor.Operator, "operator-7@example.com"), (resend.Status, resend.By, resend.Who));
        var shoppersView = await storefront.Browser(order.ShopperId).GetDocumentAsync($"/orders/{order.OrderId}");
        Assert.Equal(["Placed", "Confirmed"], shoppersView.QuerySelectorAll(".timeline li strong").Select(s => s.TextContent));
    }

    [Fact]
    public async Task A_pending_order_offers_no_resend_and_a_forged_resend_is_refused()
    {
        var (storefront, queue) = await IsolatedAsync();
        await using var owned = storefront;
        var order = await PlacedOrders.PlaceAsync(storefront, Guid.NewGuid().ToString(), await shop.CreateProductAsync(price: 2m, stock: 3));
        using var client = storefront.Browser(Admin);
        var url = $"/operations/orders/{order.OrderId}";
        var page = await client.GetDocumentAsync(url);

        var forged = await client.PostFormAsync($"{url}?handler=resend", OperatorOrderPageTests.Form(page, ("stepsSeen", "1")));

        Assert.Null(page.QuerySelector("input[name=stepsSeen]"));
        Assert.Equal(HttpStatusCode.Conflict, forged.StatusCode);
        Assert.Equal([OrderPlaced.MessageType], (await ReceiveAllAsync(queue)).Select(m => m.MessageAttributes["MessageType"].StringValue));
    }

    [Fact]
    public async Task When_the_queue_cannot_be_reached_a_shoppers_cancel_still_succeeds_and_the_email_stays_owed_for_the_sweep()
    {
        var settings = await shop.CreateIsolatedOrdersAsync();
        settings["Tables__Products"] = StorefrontFixture.ScratchProductsTable;
        await using var placing = shop.CreateStorefront(settings);
        var product = await shop.CreateProductAsync(price: 2m, stock: 3);
        var order = await PlacedOrders.PlaceAsync(placing, Guid.NewGuid().ToString(), product);
        settings["Queues__Orders"] = "http://127.0.0.1:9/000000000000/OrdersQueue";
        await using var queueDown = shop.CreateStorefront(settings);

        var result = await queueDown.Services.GetRequiredService<OrderCancellation>().CancelAsync(
            order.ShopperId, order.OrderId, OrderActor.Shopper, null, null, "corr-queue-down", CancellationToken.None);

        Assert.IsType<CancelResult.Cancelled>(result);
        Assert.Equal(3, await shop.StockOfAsync(product));
        Assert.Equal(["CANCELLED"], await OwedAsync(queueDown, order));
        Assert.Contains(order.OrderId, (await Orders(queueDown).ListEmailsOwedBeforeAsync(DateTimeOffset.UtcNow.AddSeconds(1), 1000, CancellationToken.None))
            .Select(e => e.Message.OrderId));
    }

    private async Task<(WebApplicationFactory<Program> Storefront, string Queue)> IsolatedAsync()
    {
        var settings = await shop.CreateIsolatedOrdersAsync();
        settings["Tables__Products"] = StorefrontFixture.ScratchProductsTable;
        return (shop.CreateStorefront(settings).WithTestSignIn(), settings["Queues__Orders"]!);
    }

    /// <summary>A CONFIRMED order, its placing message taken off the queue.</summary>
    private async Task<Order> ConfirmedOrderAsync(WebApplicationFactory<Program> storefront)
    {
        var order = await PlacedOrders.PlaceAsync(storefront, Guid.NewGuid().ToString(), await shop.CreateProductAsync(price: 2m, stock: 3));
        await Orders(storefront).ConfirmAsync(order.ShopperId, order.OrderId, CancellationToken.None);
        await ReceiveAllAsync(storefront.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<Shop.Shared.Aws.QueueOptions>>().Value.Orders);
        return order;
    }

    /// <summary>Every message on the queue now, taken off it.</summary>
    private async Task<IReadOnlyList<Message>> ReceiveAllAsync(string queue)
    {
        using var sqs = shop.Names.Sqs();
        var all = new List<Message>();
        while ((await sqs.ReceiveMessageAsync(new ReceiveMessageRequest { QueueUrl = queue, MaxNumberOfMessages = 10, MessageAttributeNames = ["All"], WaitTimeSeconds = 0 })).Messages is { Count: > 0 } messages)
        {
            all.AddRange(messages);
            foreach (var m in messages)
            {
                await sqs.DeleteMessageAsync(queue, m.ReceiptHandle);
            }
        }
        return all;
    }

    private static async Task<IReadOnlyList<string>> OwedAsync(WebApplicationFactory<Program> storefront, Order order)
    {
        var dynamo = storefront.Services.GetRequiredService<Amazon.DynamoDBv2.IAmazonDynamoDB>();
        var table = storefront.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<Shop.Shared.Aws.TableOptions>>().Value.Orders;
        var item = (await dynamo.GetItemAsync(new GetItemRequest { TableName = table, Key = OrderItem.Key(order.ShopperId, order.OrderId), ConsistentRead = true })).Item;
        return item.GetValueOrDefault("EmailsOwed")?.SS ?? [];
    }

    private static OrderStore Orders(WebApplicationFactory<Program> storefront) => storefront.Services.GetRequiredService<OrderStore>();
}
