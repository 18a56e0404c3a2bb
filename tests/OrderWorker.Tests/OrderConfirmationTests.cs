using System.Net.Http.Json;
using Amazon.DynamoDBv2.Model;
using Amazon.SQS.Model;
using LocalDev.FaultProxy;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OrderWorker.Queue;
using Shop.Shared.Aws;
using Shop.Shared.Orders;
using TestSupport;

namespace OrderWorker.Tests;

[Collection(WorkerCollection.Name)]
public sealed class OrderConfirmationTests(WorkerFixture fixture)
{
    private Mailbox Mailbox => new(fixture.Names.SesUrl);

    [Fact]
    public async Task An_accepted_order_is_confirmed_and_the_shopper_gets_one_email_with_its_lines_and_total()
    {
        var (worker, queue, _) = await fixture.CreateWorkerOnFastQueuesAsync();
        await using var _ = worker;
        var order = await fixture.PlacePendingOrderAsync(new OrderLine("enamel-camp-mug", "Enamel Camp Mug", 14.50m, 2),
            new OrderLine("brass-fountain-pen", "Brass Fountain Pen", 58.00m, 1));
        await Queue(queue).SendAsync(new OrderPlaced(order.OrderId, order.ShopperId, order.PlacedAt), order.CorrelationId, CancellationToken.None);

        await worker.Services.GetRequiredService<OrderQueuePoller>().PollOnceAsync(CancellationToken.None);

        var stored = await Orders(worker).FindAsync(order.ShopperId, order.OrderId, CancellationToken.None);
        Assert.Equal(OrderStatus.Confirmed, stored!.Status);
        Assert.NotNull(stored.ConfirmedAt);
        Assert.NotNull(stored.EmailSentAt);
        var email = Assert.Single(await Mailbox.EmailsToAsync(order.ShopperEmail));
        Assert.Contains(order.OrderId, email.Subject);
        Assert.Contains("2 × Enamel Camp Mug at $14.50 = $29.00", email.Text);
        Assert.Contains("Total: $87.00", email.Text);
        Assert.Contains($"http://shop.test/orders/{order.OrderId}", email.Html);
        Assert.Equal((0, 0), await CountsAsync(queue));
    }

    [Fact]
    public async Task The_same_message_delivered_three_times_confirms_once_and_sends_one_email()
    {
        await using var worker = fixture.CreateWorker();
        using var client = worker.CreateClient();
        var order = await fixture.PlacePendingOrderAsync(new OrderLine("beeswax-pillar-candle", "Beeswax Pillar Candle", 19.00m, 1));
        var body = new OrderPlaced(order.OrderId, order.ShopperId, order.PlacedAt).ToJson();

        var answers = await Task.WhenAll(Enumerable.Range(0, 3).Select(i =>
            client.PostAsync("/events", LambdaEvents.Sqs(($"m{i}", body)))));
        await client.PostAsync("/events", LambdaEvents.Sqs(("m3", body)));

        Assert.All(answers, a => Assert.True(a.IsSuccessStatusCode));
        Assert.Single(await Mailbox.EmailsToAsync(order.ShopperEmail));
        Assert.Equal(OrderStatus.Confirmed, (await Orders(worker).FindAsync(order.ShopperId, order.OrderId, CancellationToken.None))!.Status);
    }

    [Fact]
    public async Task One_batch_holding_an_order_three_times_and_a_poison_message_confirms_once_sends_one_email_and_fails_only_the_poison()
    {
        await using var worker = fixture.CreateWorker();
        using var client = worker.CreateClient();
        var order = await fixture.PlacePendingOrderAsync(new OrderLine("beeswax-pillar-candle", "Beeswax Pillar Candle", 19.00m, 1));
        var body = new OrderPlaced(order.OrderId, order.ShopperId, order.PlacedAt).ToJson();

        // A batch's records are handled side by side, but those about one order one after another: a copy handled
        // beside its twin would find the email claim held and come back minutes later, for nothing.
        var answer = await client.PostAsync("/events", LambdaEvents.Sqs(("m0", body), ("m1", body), ("poison", "{not json"), ("m2", body)));
        var failures = await answer.Content.ReadFromJsonAsync<BatchResponse>();

        Assert.Equal(["poison"], failures!.BatchItemFailures.Select(f => f.ItemIdentifier));
        Assert.Single(await Mailbox.EmailsToAsync(order.ShopperEmail));
        Assert.Equal(OrderStatus.Confirmed, (await Orders(worker).FindAsync(order.ShopperId, order.OrderId, CancellationToken.None))!.Status);
    }

    [Fact]
    public async Task A_second_delivery_while_the_confirming_one_is_still_sending_sends_nothing_and_the_shopper_gets_one_email()
    {
        var order = await fixture.PlacePendingOrderAsync(new OrderLine("walnut-serving-board", "Walnut Serving Board", 45.00m, 1));
        var body = new OrderPlaced(order.OrderId, order.ShopperId, order.PlacedAt).ToJson();
        // Every SES call takes seconds, so the first delivery is still sending when the second arrives.
        await using var slowSes = await FaultInjectingProxy.StartAsync(AwsService.Ses, fixture.Names.SesUrl, seed: 1);
        slowSes.Plan = FaultPlan.RoundTrip(TimeSpan.FromSeconds(5));
        await using var worker = fixture.CreateWorker(new() { ["Aws__ServiceUrls__SES"] = slowSes.Url });
        using var client = worker.CreateClient();

        var sending = client.PostAsync("/events", LambdaEvents.Sqs(("m-first", body)));
        await Eventually(async () => (await Orders(worker).FindAsync(order.ShopperId, order.OrderId, CancellationToken.None))!.Status == OrderStatus.Confirmed);
        var twin = await (await client.PostAsync("/events", LambdaEvents.Sqs(("m-second", body)))).Content.ReadFromJsonAsync<BatchResponse>();
        var mailboxWhileSending = await Mailbox.EmailsToAsync(order.ShopperEmail);
        var firstAnswer = await (await sending).Content.ReadFromJsonAsync<BatchResponse>();

        Assert.Equal(["m-second"], twin!.BatchItemFailures.Select(f => f.ItemIdentifier));
        Assert.Empty(mailboxWhileSending);
        Assert.Empty(firstAnswer!.BatchItemFailures);
        Assert.Single(await Mailbox.EmailsToAsync(order.ShopperEmail));
    }

    [Fact]
    public async Task An_order_confirmed_but_not_yet_emailed_gets_its_one_email_from_the_next_deliveries()
    {
        // As a delivery cut off between the confirmation and the claim leaves it (or a worker that made them apart).
        await using var worker = fixture.CreateWorker();
        var order = await fixture.PlacePendingOrderAsync(new OrderLine("linen-tea-towel", "Linen Tea Towel", 12.50m, 2));
        await Orders(worker).ConfirmAsync(order.ShopperId, order.OrderId, CancellationToken.None);
        var body = new OrderPlaced(order.OrderId, order.ShopperId, order.PlacedAt).ToJson();
        using var client = worker.CreateClient();

        await Task.WhenAll(Enumerable.Range(0, 3).Select(i => client.PostAsync("/events", LambdaEvents.Sqs(($"m-late{i}", body)))));
        await client.PostAsync("/events", LambdaEvents.Sqs(("m-late3", body)));

        Assert.Single(await Mailbox.EmailsToAsync(order.ShopperEmail));
        Assert.NotNull((await Orders(worker).FindAsync(order.ShopperId, order.OrderId, CancellationToken.None))!.EmailSentAt);
    }

    [Fact]
    public async Task A_message_for_an_order_cancelled_before_the_worker_came_to_it_confirms_nothing_and_sends_no_email()
    {
        await using var worker = fixture.CreateWorker();
        using var client = worker.CreateClient();
        var order = await fixture.PlacePendingOrderAsync(new OrderLine("oak-wall-clock", "Oak Wall Clock", 64.00m, 1));
        await worker.Services.GetRequiredService<Amazon.DynamoDBv2.IAmazonDynamoDB>().TransactWriteItemsAsync(new TransactWriteItemsRequest
        {
            TransactItems = [.. Orders(worker).CancelParts(order, new OrderEvent(OrderStatus.Cancelled, DateTimeOffset.UtcNow, OrderActor.Shopper))],
        });

        var answer = await client.PostAsync("/events", LambdaEvents.Sqs(("m-cancelled", new OrderPlaced(order.OrderId, order.ShopperId, order.PlacedAt).ToJson())));

        Assert.Empty((await answer.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("batchItemFailures").EnumerateArray());
        var stored = await Orders(worker).FindAsync(order.ShopperId, order.OrderId, CancellationToken.None);
        Assert.Equal(OrderStatus.Cancelled, stored!.Status);
        Assert.Equal([OrderStatus.Pending, OrderStatus.Cancelled], stored.Timeline.Select(s => s.Status));
        Assert.Empty(await Mailbox.EmailsToAsync(order.ShopperEmail));
    }

    [Fact]
    public async Task A_confirmation_is_recorded_in_the_orders_history_by_the_system()
    {
        await using var worker = fixture.CreateWorker();
        using var client = worker.CreateClient();
        var order = await fixture.PlacePendingOrderAsync(new OrderLine("oak-wall-clock", "Oak Wall Clock", 64.00m, 1));

        await client.PostAsync("/events", LambdaEvents.Sqs(("m-history", new OrderPlaced(order.OrderId, order.ShopperId, order.PlacedAt).ToJson())));

        var stored = await Orders(worker).FindAsync(order.ShopperId, order.OrderId, CancellationToken.None);
        Assert.Equal([(OrderStatus.Pending, OrderActor.Shopper), (OrderStatus.Confirmed, OrderActor.System)], stored!.Timeline.Select(s => (s.Status, s.By)));
        Assert.Equal(stored.ConfirmedAt, stored.Timeline[1].At);
    }

    [Fact]
    public async Task A_poison_message_fails_alone_and_reaches_the_dead_letter_queue_while_the_good_ones_are_confirmed()
    {
        var (worker, queue, deadLetter) = await fixture.CreateWorkerOnFastQueuesAsync();
        await using var _ = worker;
        var good = await fixture.PlacePendingOrderAsync(new OrderLine("oak-wall-clock", "Oak Wall Clock", 64.00m, 1));
        await Queue(queue).SendAsync(new OrderPlaced(good.OrderId, good.ShopperId, good.PlacedAt), good.CorrelationId, CancellationToken.None);
        await fixture.Sqs.SendMessageAsync(queue, """{"orderId":"no-such-order","shopperId":"nobody","placedAt":"2026-01-01T00:00:00Z"}""");
        var poller = worker.Services.GetRequiredService<OrderQueuePoller>();

        await Eventually(async () =>
        {
            await poller.PollOnceAsync(CancellationToken.None);
            var dead = await fixture.Sqs.ReceiveMessageAsync(new ReceiveMessageRequest { QueueUrl = deadLetter });
            return dead.Messages is { Count: 1 } && dead.Messages[0].Body.Contains("no-such-order");
        });

        Assert.Equal(OrderStatus.Confirmed, (await Orders(worker).FindAsync(good.ShopperId, good.OrderId, CancellationToken.None))!.Status);
        Assert.Single(await Mailbox.EmailsToAsync(good.ShopperEmail));
    }

    [Fact]
    public async Task When_SES_is_unreachable_the_record_fails_and_the_redelivery_sends_exactly_one_email()
    {
        var order = await fixture.PlacePendingOrderAsync(new OrderLine("linen-tea-towel", "Linen Tea Towel", 12.50m, 3));
        var body = new OrderPlaced(order.OrderId, order.ShopperId, order.PlacedAt).ToJson();

        await using (var sesDown = fixture.CreateWorker(new() { ["Aws__ServiceUrls__SES"] = "http://127.0.0.1:9" }))
        {
            var failed = await (await sesDown.CreateClient().PostAsync("/events", LambdaEvents.Sqs(("m-ses", body)))).Content.ReadFromJsonAsync<BatchResponse>();
            Assert.Equal(["m-ses"], failed!.BatchItemFailures.Select(f => f.ItemIdentifier));
        }
        Assert.Empty(await Mailbox.EmailsToAsync(order.ShopperEmail));

        await using var sesBack = fixture.CreateWorker();
        var retried = await (await sesBack.CreateClient().PostAsync("/events", LambdaEvents.Sqs(("m-ses", body)))).Content.ReadFromJsonAsync<BatchResponse>();

        Assert.Empty(retried!.BatchItemFailures);
        Assert.Single(await Mailbox.EmailsToAsync(order.ShopperEmail));
    }

    [Fact]
    public async Task The_sweep_resends_the_message_of_an_order_left_pending_and_it_gets_confirmed()
    {
        var (worker, queue, _) = await fixture.CreateWorkerOnFastQueuesAsync();
        await using var _ = worker;
        var order = await fixture.PlacePendingOrderAsync(DateTimeOffset.UtcNow.AddMinutes(-10), new OrderLine("wool-cushion-cover", "Wool Cushion Cover", 39.00m, 1));

        var sweep = await worker.CreateClient().PostAsync("/events", LambdaEvents.Schedule());
        await worker.Services.GetRequiredService<OrderQueuePoller>().PollOnceAsync(CancellationToken.None);

        Assert.True((await sweep.Content.ReadFromJsonAsync<SweepResponse>())!.Resent >= 1);
        Assert.Equal(OrderStatus.Confirmed, (await Orders(worker).FindAsync(order.ShopperId, order.OrderId, CancellationToken.None))!.Status);
    }

    private OrderQueue Queue(string url) =>
        new(fixture.Sqs, Options.Create(new QueueOptions { Orders = url, OrdersDeadLetter = url }));

    private static OrderStore Orders(WebApplicationFactory<Program> worker) => worker.Services.GetRequiredService<OrderStore>();

    private static async Task Eventually(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "The condition did not hold within 15 s.");
        }
    }

    private async Task<(int Visible, int InFlight)> CountsAsync(string queue)
    {
        var attributes = await fixture.Sqs.GetQueueAttributesAsync(queue, ["ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible"]);
        return (attributes.ApproximateNumberOfMessages, attributes.ApproximateNumberOfMessagesNotVisible);
    }
}
