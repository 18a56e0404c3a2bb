using System.Net.Http.Json;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using LocalDev.LocalAws;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OrderWorker.Queue;
using Shop.Shared.Aws;
using Shop.Shared.Orders;
using TestSupport;

namespace OrderWorker.Tests;

/// <summary>The emails an order's later status changes owe (shipped, delivered, cancelled, an operator's resend):
/// each sent exactly once from its message, whatever SQS and the sweep do.</summary>
[Collection(WorkerCollection.Name)]
public sealed class OwedEmailTests(WorkerFixture fixture)
{
    private static readonly Shipment Parcel = new("Parcelforce", "PF123456789GB", "https://track.example/PF123456789GB");

    private Mailbox Mailbox => new(fixture.Names.SesUrl);

    [Fact]
    public async Task A_shipped_order_gets_one_shipped_email_with_its_tracking_from_the_queued_message()
    {
        var (worker, queue, _) = await fixture.CreateWorkerOnFastQueuesAsync();
        await using var _ = worker;
        var order = await ShippedOrderAsync(worker, DateTimeOffset.UtcNow);
        await Queue(queue).SendAsync(new OrderEmailDue(order.OrderId, order.ShopperId, "SHIPPED"), "c-shipped", CancellationToken.None);

        await worker.Services.GetRequiredService<OrderQueuePoller>().PollOnceAsync(CancellationToken.None);

        var email = Assert.Single(await Mailbox.EmailsToAsync(order.ShopperEmail), e => e.Subject.Contains("has shipped"));
        Assert.Contains("tracking number PF123456789GB", email.Text);
        Assert.Contains("https://track.example/PF123456789GB", email.Html);
        Assert.Empty(await OwedAsync(order));
    }

    [Fact]
    public async Task The_same_email_message_delivered_four_times_at_once_and_again_sends_one_email()
    {
        await using var worker = fixture.CreateWorker();
        using var client = worker.CreateClient();
        var order = await ShippedOrderAsync(worker, DateTimeOffset.UtcNow);
        var body = new OrderEmailDue(order.OrderId, order.ShopperId, "SHIPPED").ToJson();

        var answers = await Task.WhenAll(Enumerable.Range(0, 4).Select(i => client.PostAsync("/events", EmailEvent($"s{i}", body))));
        await client.PostAsync("/events", EmailEvent("s4", body));

        Assert.All(answers, a => Assert.True(a.IsSuccessStatusCode));
        Assert.Single(await Mailbox.EmailsToAsync(order.ShopperEmail));
    }

    [Fact]
    public async Task When_SES_is_unreachable_the_email_message_fails_and_its_retry_sends_exactly_one()
    {
        Order order;
        string body;
        await using (var sesDown = fixture.CreateWorker(new() { ["Aws__ServiceUrls__SES"] = "http://127.0.0.1:9" }))
        {
            order = await ShippedOrderAsync(sesDown, DateTimeOffset.UtcNow);
            body = new OrderEmailDue(order.OrderId, order.ShopperId, "SHIPPED").ToJson();
            var failed = await (await sesDown.CreateClient().PostAsync("/events", EmailEvent("s-ses", body))).Content.ReadFromJsonAsync<BatchResponse>();
            Assert.Equal(["s-ses"], failed!.BatchItemFailures.Select(f => f.ItemIdentifier));
        }
        Assert.Empty(await Mailbox.EmailsToAsync(order.ShopperEmail));

        await using var sesBack = fixture.CreateWorker();
        using var client = sesBack.CreateClient();
        var retried = await (await client.PostAsync("/events", EmailEvent("s-ses", body))).Content.ReadFromJsonAsync<BatchResponse>();
        await client.PostAsync("/events", EmailEvent("s-ses", body));

        Assert.Empty(retried!.BatchItemFailures);
        Assert.Single(await Mailbox.EmailsToAsync(order.ShopperEmail));
    }

    [Fact]
    public async Task A_cancellation_whose_message_was_never_sent_gets_its_email_through_the_sweep_once()
    {
        var (worker, queue, _) = await fixture.CreateWorkerOnFastQueuesAsync();
        await using var _ = worker;
        var order = await fixture.PlacePendingOrderAsync(new OrderLine("oak-wall-clock", "Oak Wall Clock", 64.00m, 1));
        // The Storefront wrote the cancellation ten minutes ago and stopped before it queued the message.
        await worker.Services.GetRequiredService<IAmazonDynamoDB>().TransactWriteItemsAsync(new TransactWriteItemsRequest
        {
            TransactItems = [.. Orders(worker).CancelParts(order,
                new OrderEvent(OrderStatus.Cancelled, DateTimeOffset.UtcNow.AddMinutes(-10), OrderActor.Operator, "op@shop.test", "Damaged in the warehouse"))],
        });
        var poller = worker.Services.GetRequiredService<OrderQueuePoller>();

        await worker.CreateClient().PostAsync("/events", LambdaEvents.Schedule());
        await poller.PollOnceAsync(CancellationToken.None);
        await worker.CreateClient().PostAsync("/events", LambdaEvents.Schedule());
        await poller.PollOnceAsync(CancellationToken.None);

        var email = Assert.Single(await Mailbox.EmailsToAsync(order.ShopperEmail));
        Assert.Contains("Reason: Damaged in the warehouse", email.Text);
        Assert.Contains("Nothing was charged.", email.Text);
        Assert.Empty(await OwedAsync(order));
    }

    [Fact]
    public async Task Shipped_and_delivered_owed_together_are_both_sent_and_the_order_leaves_the_sweeps_index()
    {
        await using var worker = fixture.CreateWorker();
        using var client = worker.CreateClient();
        var shipped = await ShippedOrderAsync(worker, DateTimeOffset.UtcNow.AddMinutes(-10));
        await Orders(worker).DeliverAsync(shipped, new OrderEvent(OrderStatus.Delivered, DateTimeOffset.UtcNow.AddMinutes(-10), OrderActor.Operator, "op@shop.test"), CancellationToken.None);
        Assert.Equal(["DELIVERED", "SHIPPED"], (await OwedAsync(shipped)).Order());

        await client.PostAsync("/events", EmailEvent("d1", new OrderEmailDue(shipped.OrderId, shipped.ShopperId, "DELIVERED").ToJson()));
        Assert.Contains(shipped.OrderId, await OwedOrderIdsAsync(worker));
        await client.PostAsync("/events", EmailEvent("d2", new OrderEmailDue(shipped.OrderId, shipped.ShopperId, "SHIPPED").ToJson()));

        Assert.Equal(2, (await Mailbox.EmailsToAsync(shipped.ShopperEmail)).Count);
        Assert.DoesNotContain(shipped.OrderId, await OwedOrderIdsAsync(worker));
    }

    [Fact]
    public async Task Each_resend_sends_one_more_email_however_often_its_message_comes()
    {
        await using var worker = fixture.CreateWorker();
        using var client = worker.CreateClient();
        var order = await ShippedOrderAsync(worker, DateTimeOffset.UtcNow);
        await client.PostAsync("/events", EmailEvent("r0", new OrderEmailDue(order.OrderId, order.ShopperId, "SHIPPED").ToJson()));
        var now = (await Orders(worker).FindAsync(order.ShopperId, order.OrderId, CancellationToken.None))!;

        var (first, email) = await Orders(worker).ResendLastEmailAsync(now, new OrderEvent(OrderStatus.Shipped, DateTimeOffset.UtcNow, OrderActor.Operator, "op@shop.test", "Resent"), CancellationToken.None);
        var (replayed, _) = await Orders(worker).ResendLastEmailAsync(now, new OrderEvent(OrderStatus.Shipped, DateTimeOffset.UtcNow, OrderActor.Operator, "op@shop.test", "Resent"), CancellationToken.None);
        var body = new OrderEmailDue(order.OrderId, order.ShopperId, email.Id).ToJson();
        await Task.WhenAll(Enumerable.Range(1, 3).Select(i => client.PostAsync("/events", EmailEvent($"r{i}", body))));
        await client.PostAsync("/events", EmailEvent("r4", body));

        Assert.True(first.Done);
        Assert.False(replayed.Done);
        var emails = await Mailbox.EmailsToAsync(order.ShopperEmail);
        Assert.Equal(2, emails.Count);
        Assert.All(emails, e => Assert.Contains("has shipped", e.Subject));
    }

    [Fact]
    public async Task A_message_of_an_unknown_type_fails_and_a_malformed_email_message_fails_without_sending()
    {
        await using var worker = fixture.CreateWorker();
        using var client = worker.CreateClient();
        var order = await ShippedOrderAsync(worker, DateTimeOffset.UtcNow);
        var good = new OrderEmailDue(order.OrderId, order.ShopperId, "SHIPPED").ToJson();

        var unknown = await (await client.PostAsync("/events", EmailEvent("u1", good, type: "OrderRefunded"))).Content.ReadFromJsonAsync<BatchResponse>();
        var malformed = await (await client.PostAsync("/events", EmailEvent("u2", good.Replace("SHIPPED", "REFUNDED", StringComparison.Ordinal)))).Content.ReadFromJsonAsync<BatchResponse>();

        Assert.Equal(["u1"], unknown!.BatchItemFailures.Select(f => f.ItemIdentifier));
        Assert.Equal(["u2"], malformed!.BatchItemFailures.Select(f => f.ItemIdentifier));
        Assert.Empty(await Mailbox.EmailsToAsync(order.ShopperEmail));
    }

    /// <summary>A CONFIRMED order (its confirmation email not part of these tests) shipped by an operator at <paramref name="at"/>.</summary>
    private async Task<Order> ShippedOrderAsync(WebApplicationFactory<Program> worker, DateTimeOffset at)
    {
        var placed = await fixture.PlacePendingOrderAsync(at.AddMinutes(-1), new OrderLine("enamel-camp-mug", "Enamel Camp Mug", 14.50m, 2));
        var (_, confirmed) = await Orders(worker).ConfirmAsync(placed.ShopperId, placed.OrderId, CancellationToken.None);
        var shipped = await Orders(worker).ShipAsync(confirmed!, Parcel, new OrderEvent(OrderStatus.Shipped, at, OrderActor.Operator, "op@shop.test"), CancellationToken.None);
        Assert.True(shipped.Done);
        return shipped.Order!;
    }

    private static System.Net.Http.Json.JsonContent EmailEvent(string messageId, string body, string type = OrderEmailDue.MessageType) =>
        LambdaEvents.Sqs((messageId, body), "c-email", type);

    private async Task<IReadOnlyList<string>> OwedAsync(Order order)
    {
        using var dynamo = fixture.Names.DynamoDb();
        var item = (await dynamo.GetItemAsync(new GetItemRequest { TableName = "OrdersTable", Key = OrderItem.Key(order.ShopperId, order.OrderId), ConsistentRead = true })).Item;
        return item.GetValueOrDefault("EmailsOwed")?.SS ?? [];
    }

    private static async Task<IReadOnlyList<string>> OwedOrderIdsAsync(WebApplicationFactory<Program> worker) =>
        (await Orders(worker).ListEmailsOwedBeforeAsync(DateTimeOffset.UtcNow, 1000, CancellationToken.None)).Select(e => e.Message.OrderId).ToList();

    private OrderQueue Queue(string url) =>
        new(fixture.Sqs, Options.Create(new QueueOptions { Orders = url, OrdersDeadLetter = url }));

    private static OrderStore Orders(WebApplicationFactory<Program> worker) => worker.Services.GetRequiredService<OrderStore>();
}
