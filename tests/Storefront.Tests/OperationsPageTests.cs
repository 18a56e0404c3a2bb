using System.Net;
using System.Text.RegularExpressions;
using Amazon.SQS.Model;
using LocalDev.LocalAws;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Shop.Shared.Orders;
using Storefront.Orders;
using Storefront.Checkout;

using Storefront.Shopping;

namespace Storefront.Tests;

[Collection(StorefrontCollection.Name)]
public sealed partial class OperationsPageTests(StorefrontFixture shop)
{
    private const string Admin = "operator-1;staff,admin";

    [Theory]
    [InlineData(null)]
    [InlineData("shopper-1")]
    [InlineData("shopper-2;customers,administrators")]
    public async Task The_operations_page_is_not_found_for_anyone_outside_the_admin_group(string? user)
    {
        await using var storefront = shop.CreateStorefront().WithTestSignIn();
        using var client = storefront.SignedInClient(user);

        var page = await client.GetAsync("/operations");
        var redrive = await client.PostAsync("/operations?handler=Redrive", new FormUrlEncodedContent([]));

        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
        Assert.Contains("Page not found", await page.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, redrive.StatusCode);
    }

    [Fact]
    public async Task An_admin_sees_the_queue_and_order_counts_that_are_in_the_emulators()
    {
        var settings = await shop.CreateIsolatedOrdersAsync();
        await using var storefront = shop.CreateShoppingStorefront(settings).WithTestSignIn();
        var checkout = storefront.Services.GetRequiredService<OrderPlacement>();
        var product = await shop.CreateProductAsync(price: 5m, stock: 10);
        var placed = new List<Order>();
        for (var i = 0; i < 3; i++)
        {
            var result = await checkout.PlaceOrderAsync(new Shopper($"s{i}-{Guid.NewGuid():N}", "s@example.com"), [new(product, 1)],
                ShippingAddresses.Sample, Guid.NewGuid().ToString(), $"corr-ops-{i}", CancellationToken.None);
            placed.Add(Assert.IsType<CheckoutResult.Accepted>(result).Order);
        }
        await storefront.Services.GetRequiredService<OrderStore>().ConfirmAsync(placed[0].ShopperId, placed[0].OrderId, CancellationToken.None);
        using var sqs = shop.Names.Sqs();
        await sqs.ReceiveMessageAsync(new ReceiveMessageRequest { QueueUrl = settings["Queues__Orders"], VisibilityTimeout = 300 });
        await new OrderQueue(sqs, Microsoft.Extensions.Options.Options.Create(new Shop.Shared.Aws.QueueOptions
        {
            Orders = settings["Queues__OrdersDeadLetter"]!, OrdersDeadLetter = settings["Queues__OrdersDeadLetter"]!,
        })).SendAsync(new OrderPlaced(placed[1].OrderId, placed[1].ShopperId, placed[1].PlacedAt), "corr-dead-1", CancellationToken.None);
        await sqs.SendMessageAsync(settings["Queues__OrdersDeadLetter"], "{ not json");

        using var client = storefront.SignedInClient(Admin);
        var html = await client.GetStringAsync("/operations");

        Assert.Equal(["2", "1"], Row(html, "orders-queue"));
        Assert.Equal(["2", "0"], Row(html, "dead-letter-queue"));
        Assert.Equal(["3", "2", "1", "0", "0", "0"], Row(html, "order-counts"));
        Assert.Contains(placed[1].OrderId, Table(html, "dead-letters"));
        Assert.Contains("corr-dead-1", Table(html, "dead-letters"));
        Assert.Contains("(unreadable)", Table(html, "dead-letters"));
        var pending = Table(html, "oldest-pending");
        Assert.True(pending.IndexOf(placed[1].OrderId, StringComparison.Ordinal) < pending.IndexOf(placed[2].OrderId, StringComparison.Ordinal));
        Assert.DoesNotContain(placed[0].OrderId, pending);
    }

    [Fact]
    public async Task The_redrive_button_moves_every_dead_letter_back_to_the_orders_queue_with_its_attributes()
    {
        var settings = await shop.CreateIsolatedOrdersAsync();
        await using var storefront = shop.CreateShoppingStorefront(settings).WithTestSignIn();
        using var sqs = shop.Names.Sqs();
        for (var i = 0; i < 12; i++)
        {
            await sqs.SendMessageAsync(new SendMessageRequest
            {
                QueueUrl = settings["Queues__OrdersDeadLetter"],
                MessageBody = $$"""{"orderId":"o-{{i}}","shopperId":"s","placedAt":"2026-01-01T00:00:00Z"}""",
                MessageAttributes = new() { ["CorrelationId"] = new() { DataType = "String", StringValue = $"corr-redrive-{i}" } },
            });
        }
        using var client = storefront.SignedInClient(Admin);
        var form = await client.GetStringAsync("/operations");

        var response = await client.PostAsync("/operations?handler=Redrive", new FormUrlEncodedContent(
            [new("__RequestVerificationToken", AntiforgeryToken(form))]));

        Assert.Contains("Moved 12 messages back to the orders queue.", await response.Content.ReadAsStringAsync());
        var counts = await sqs.GetQueueAttributesAsync(settings["Queues__OrdersDeadLetter"], ["ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible"]);
        Assert.Equal((0, 0), (counts.ApproximateNumberOfMessages, counts.ApproximateNumberOfMessagesNotVisible));
        var moved = new List<Message>();
        while (moved.Count < 12)
        {
            var batch = await sqs.ReceiveMessageAsync(new ReceiveMessageRequest
            {
                QueueUrl = settings["Queues__Orders"], MaxNumberOfMessages = 10, WaitTimeSeconds = 1, MessageAttributeNames = ["All"],
            });
            Assert.NotEmpty(batch.Messages ?? []);
            moved.AddRange(batch.Messages!);
        }
        Assert.Equal(Enumerable.Range(0, 12).Select(i => $"corr-redrive-{i}").Order(),
            moved.Select(m => m.MessageAttributes["CorrelationId"].StringValue).Order());
    }

    [Fact]
    public async Task A_redrive_without_the_antiforgery_token_moves_nothing()
    {
        var settings = await shop.CreateIsolatedOrdersAsync();
        await using var storefront = shop.CreateShoppingStorefront(settings).WithTestSignIn();
        using var sqs = shop.Names.Sqs();
        await sqs.SendMessageAsync(settings["Queues__OrdersDeadLetter"], "{}");
        using var client = storefront.SignedInClient(Admin);

        var response = await client.PostAsync("/operations?handler=Redrive", new FormUrlEncodedContent([]));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var counts = await sqs.GetQueueAttributesAsync(settings["Queues__OrdersDeadLetter"], ["ApproximateNumberOfMessages"]);
        Assert.Equal(1, counts.ApproximateNumberOfMessages);
    }

    /// <summary>The cells of the table row with this id.</summary>
    [Fact]
    public async Task Each_status_change_moves_one_order_from_its_old_count_to_its_new_one_even_when_they_race()
    {
        var settings = await shop.CreateIsolatedOrdersAsync();
        await using var storefront = shop.CreateShoppingStorefront(settings).WithTestSignIn();
        var orders = storefront.Services.GetRequiredService<OrderStore>();
        var product = await shop.CreateProductAsync(price: 5m, stock: 20);
        var placed = new List<Order>();
        for (var i = 0; i < 7; i++)
        {
            var order = await PlacedOrders.PlaceAsync(storefront, $"s{i}-{Guid.NewGuid():N}", product);
            placed.Add((await orders.ConfirmAsync(order.ShopperId, order.OrderId, CancellationToken.None)).Order!);
        }
        var shipment = new Shipment("UPS", "1Z1", null);
        OrderEvent Step(OrderStatus status) => new(status, DateTimeOffset.UtcNow, OrderActor.Operator, "op@example.com");

        // Five shipped at once (their counter updates land on the same few shards), two of them then delivered.
        var shipped = await Task.WhenAll(placed.Take(5).Select(o => orders.ShipAsync(o, shipment, Step(OrderStatus.Shipped), CancellationToken.None)));
        await Task.WhenAll(shipped.Take(2).Select(s => orders.DeliverAsync(s.Order!, Step(OrderStatus.Delivered), CancellationToken.None)));
        await storefront.Services.GetRequiredService<OrderCancellation>().CancelAsync(
            placed[5].ShopperId, placed[5].OrderId, OrderActor.Shopper, null, null, "corr-count", CancellationToken.None);
        var refused = await orders.DeliverAsync(placed[6], Step(OrderStatus.Delivered), CancellationToken.None);

        using var client = storefront.SignedInClient(Admin);
        var html = await client.GetStringAsync("/operations");

        Assert.All(shipped, s => Assert.True(s.Done));
        Assert.False(refused.Done);
        // Placed, pending, confirmed, shipped, delivered, cancelled.
        Assert.Equal(["7", "0", "1", "3", "2", "1"], Row(html, "order-counts"));
    }

    private static string[] Row(string html, string id)
    {
        var row = Regex.Match(html, $"<tr id=\"{id}\">(.*?)</tr>", RegexOptions.Singleline);
        Assert.True(row.Success, $"No row {id}");
        return Cells().Matches(row.Groups[1].Value).Select(m => m.Groups[1].Value.Trim()).ToArray();
    }

    private static string Table(string html, string id)
    {
        var table = Regex.Match(html, $"<table id=\"{id}\">(.*?)</table>", RegexOptions.Singleline);
        Assert.True(table.Success, $"No table {id}");
        return WebUtility.HtmlDecode(table.Groups[1].Value);
    }

    internal static string AntiforgeryToken(string html) =>
        Regex.Match(html, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;

    [GeneratedRegex("<td>(.*?)</td>", RegexOptions.Singleline)]
    private static partial Regex Cells();
}
