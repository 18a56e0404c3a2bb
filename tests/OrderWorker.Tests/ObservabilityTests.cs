using System.Diagnostics;
using System.Net.Http.Json;
using Amazon.SQS.Model;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OrderWorker.Queue;
using Shop.Shared.Aws;
using Shop.Shared.Orders;
using TestSupport;

namespace OrderWorker.Tests;

[Collection(WorkerCollection.Name)]
public sealed class ObservabilityTests(WorkerFixture fixture)
{
    [Fact]
    public async Task An_orders_log_lines_through_the_email_send_carry_its_correlation_id_and_continue_the_checkouts_trace()
    {
        var (worker, queue, _) = await fixture.CreateWorkerOnFastQueuesAsync();
        await using var _ = worker;
        var order = await fixture.PlacePendingOrderAsync(new OrderLine("enamel-camp-mug", "Enamel Camp Mug", 14.50m, 2));
        var checkout = new Activity("checkout request").SetIdFormat(ActivityIdFormat.W3C).Start();
        checkout.ActivityTraceFlags = ActivityTraceFlags.Recorded;
        await Queue(queue).SendAsync(new OrderPlaced(order.OrderId, order.ShopperId, order.PlacedAt), order.CorrelationId, CancellationToken.None);
        checkout.Stop(); // The worker can only learn the trace from the message.

        await worker.Services.GetRequiredService<OrderQueuePoller>().PollOnceAsync(CancellationToken.None);

        var telemetry = worker.Services.GetRequiredService<CapturedTelemetry>();
        var confirmed = Assert.Single(telemetry.LinesWithTemplate("Order {OrderId} confirmed"));
        var emailed = Assert.Single(telemetry.LinesWithTemplate("The {Email} email of order {OrderId} sent as {SesMessageId}"));
        Assert.Equal("confirmation", emailed.GetProperty("properties").GetProperty("Email").GetString());
        Assert.All([confirmed, emailed], line =>
        {
            Assert.Equal(order.CorrelationId, line.GetProperty("correlationId").GetString());
            Assert.Equal(checkout.TraceId.ToString(), line.GetProperty("traceId").GetString());
            Assert.Equal(order.OrderId, line.GetProperty("properties").GetProperty("OrderId").GetString());
            Assert.Equal(System.Text.Json.JsonValueKind.String, line.GetProperty("properties").GetProperty("MessageId").ValueKind);
        });

        var confirmation = Assert.Single(telemetry.Metric("OrdersConfirmed"));
        EmfAssert.HasShape(confirmation, [["Service"]], "OrdersConfirmed", "OrderConfirmationLatency");
        Assert.Equal("OrderWorker", confirmation.GetProperty("Service").GetString());
        Assert.InRange(confirmation.GetProperty("OrderConfirmationLatency").GetDouble(), 0, 60_000);
        var sent = Assert.Single(telemetry.Metric("EmailsSent"));
        EmfAssert.HasShape(sent, [["Service"]], "EmailsSent");
        Assert.All([confirmation, sent], d => Assert.Equal(order.CorrelationId, d.GetProperty("CorrelationId").GetString()));
    }

    [Fact]
    public async Task A_failed_email_is_measured_and_logged_with_the_orders_correlation_id_and_the_Lambda_request_id()
    {
        await using var worker = fixture.CreateWorker(new() { ["Aws__ServiceUrls__SES"] = "http://127.0.0.1:9" });
        var order = await fixture.PlacePendingOrderAsync(new OrderLine("linen-tea-towel", "Linen Tea Towel", 12.50m, 1));
        using var request = new HttpRequestMessage(HttpMethod.Post, "/events")
        {
            Content = LambdaEvents.Sqs(("m-fail", new OrderPlaced(order.OrderId, order.ShopperId, order.PlacedAt).ToJson()), order.CorrelationId),
        };
        request.Headers.Add("x-amzn-lambda-context", """{"request_id":"0f5e7f1c-2b6a-4d2e-9d1a-6b0c3e9a1f42"}""");

        var failed = await (await worker.CreateClient().SendAsync(request)).Content.ReadFromJsonAsync<BatchResponse>();

        Assert.Equal(["m-fail"], failed!.BatchItemFailures.Select(f => f.ItemIdentifier));
        var telemetry = worker.Services.GetRequiredService<CapturedTelemetry>();
        var error = Assert.Single(telemetry.LinesWithTemplate("The {Email} email of order {OrderId} not sent; the message will be retried"));
        Assert.Equal("confirmation", error.GetProperty("properties").GetProperty("Email").GetString());
        Assert.Equal("Error", error.GetProperty("level").GetString());
        Assert.Equal(order.CorrelationId, error.GetProperty("correlationId").GetString());
        Assert.Equal("0f5e7f1c-2b6a-4d2e-9d1a-6b0c3e9a1f42", error.GetProperty("awsRequestId").GetString());
        Assert.Contains("EmailNotSentException", error.GetProperty("exception").GetString());
        var failure = Assert.Single(telemetry.Metric("EmailFailures"));
        EmfAssert.HasShape(failure, [["Service"]], "EmailFailures");
        Assert.Equal(order.CorrelationId, failure.GetProperty("CorrelationId").GetString());
    }

    [Fact]
    public async Task Dead_letters_sent_back_to_the_orders_queue_are_confirmed_by_the_worker()
    {
        var (worker, queue, deadLetter) = await fixture.CreateWorkerOnFastQueuesAsync();
        await using var _ = worker;
        var orders = new[]
        {
            await fixture.PlacePendingOrderAsync(new OrderLine("oak-wall-clock", "Oak Wall Clock", 64.00m, 1)),
            await fixture.PlacePendingOrderAsync(new OrderLine("olive-wood-spoon", "Olive Wood Spoon", 9.00m, 3)),
        };
        // As if they had failed five times: the same messages, straight into the dead-letter queue.
        foreach (var order in orders)
        {
            await Queue(deadLetter).SendAsync(new OrderPlaced(order.OrderId, order.ShopperId, order.PlacedAt), order.CorrelationId, CancellationToken.None);
        }

        // Sent back as the operations page's redrive sends them (Storefront's OperationsPageTests prove it keeps
        // body and attributes): the same body, every attribute.
        var dead = await fixture.Sqs.ReceiveMessageAsync(new ReceiveMessageRequest { QueueUrl = deadLetter, MaxNumberOfMessages = 10, MessageAttributeNames = ["All"] });
        foreach (var message in dead.Messages)
        {
            await fixture.Sqs.SendMessageAsync(new SendMessageRequest { QueueUrl = queue, MessageBody = message.Body, MessageAttributes = message.MessageAttributes });
        }
        await worker.Services.GetRequiredService<OrderQueuePoller>().PollOnceAsync(CancellationToken.None);

        Assert.Equal(2, dead.Messages.Count);
        var store = worker.Services.GetRequiredService<OrderStore>();
        var mailbox = new Mailbox(fixture.Names.SesUrl);
        foreach (var order in orders)
        {
            Assert.Equal(OrderStatus.Confirmed, (await store.FindAsync(order.ShopperId, order.OrderId, CancellationToken.None))!.Status);
            Assert.Single(await mailbox.EmailsToAsync(order.ShopperEmail));
        }
        var telemetry = worker.Services.GetRequiredService<CapturedTelemetry>();
        Assert.Equal(orders.Select(o => o.CorrelationId).Order(),
            telemetry.LinesWithTemplate("Order {OrderId} confirmed").Select(l => l.GetProperty("correlationId").GetString()).Order());
    }

    private OrderQueue Queue(string url) =>
        new(fixture.Sqs, Options.Create(new QueueOptions { Orders = url, OrdersDeadLetter = url }));
}
