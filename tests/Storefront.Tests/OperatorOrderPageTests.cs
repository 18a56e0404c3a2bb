using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Shop.Shared.Orders;
using Storefront.Orders;

namespace Storefront.Tests;

[Collection(StorefrontCollection.Name)]
public sealed class OperatorOrderPageTests(StorefrontFixture shop)
{
    private const string Admin = "operator-7;staff,admin";
    private const string AdminEmail = "operator-7@example.com";

    [Theory]
    [InlineData(null)]
    [InlineData("shopper-1")]
    [InlineData("shopper-2;customers,administrators")]
    public async Task The_operator_order_page_and_its_actions_are_not_found_for_anyone_outside_the_admin_group(string? user)
    {
        await using var storefront = shop.CreateShoppingStorefront().WithTestSignIn();
        var order = await PlaceAsync(storefront, await shop.CreateProductAsync(price: 2m, stock: 3));
        using var client = storefront.SignedInClient(user);

        var page = await client.GetAsync($"/operations/orders/{order.OrderId}");
        var cancel = await client.PostAsync($"/operations/orders/{order.OrderId}?handler=cancel", new FormUrlEncodedContent([new("Reason", "x")]));

        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
        Assert.Contains("Page not found", await page.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, cancel.StatusCode);
        Assert.Equal(OrderStatus.Pending, (await Orders(storefront).FindAsync(order.ShopperId, order.OrderId, CancellationToken.None))!.Status);
    }

    [Fact]
    public async Task An_operator_finds_an_order_by_number_marks_it_shipped_with_tracking_then_delivered_and_the_history_names_them()
    {
        await using var storefront = shop.CreateShoppingStorefront().WithTestSignIn();
        var order = await PlaceAsync(storefront, await shop.CreateProductAsync(price: 2m, stock: 3));
        await Orders(storefront).ConfirmAsync(order.ShopperId, order.OrderId, CancellationToken.None);
        using var client = storefront.Browser(Admin);
        var url = $"/operations/orders/{order.OrderId}";
        var before = await client.GetDocumentAsync(url);

        var shipped = await client.PostFormAsync($"{url}?handler=ship", Form(before,
            ("Carrier", "UPS"), ("TrackingNumber", "1Z999AA10123456784"), ("TrackingUrl", "https://tracking.example/1Z999AA10123456784")));
        var afterShipping = await client.GetDocumentAsync(shipped.Headers.Location!.OriginalString);
        var delivered = await client.PostFormAsync($"{url}?handler=deliver", Form(afterShipping));
        var shoppersView = await storefront.Browser(order.ShopperId).GetDocumentAsync($"/orders/{order.OrderId}");

        Assert.Contains("London SW1Y 4JH", before.QuerySelector(".ship-to")!.TextContent);
        Assert.Equal(HttpStatusCode.Redirect, shipped.StatusCode);
        Assert.Equal("https://tracking.example/1Z999AA10123456784", afterShipping.QuerySelector("a[rel=noreferrer]")!.GetAttribute("href"));
        Assert.Equal(HttpStatusCode.Redirect, delivered.StatusCode);
        var stored = await Orders(storefront).FindAsync(order.ShopperId, order.OrderId, CancellationToken.None);
        Assert.Equal(OrderStatus.Delivered, stored!.Status);
        Assert.Equal(new Shipment("UPS", "1Z999AA10123456784", "https://tracking.example/1Z999AA10123456784"), stored.Shipment);
        Assert.Equal([(OrderStatus.Shipped, AdminEmail), (OrderStatus.Delivered, AdminEmail)],
            stored.Timeline.Skip(2).Select(s => (s.Status, s.Who)));
        Assert.Equal(["Placed", "Confirmed", "Shipped", "Delivered"], shoppersView.QuerySelectorAll(".timeline li strong").Select(s => s.TextContent));
    }

    [Theory]
    [InlineData("TrackingUrl", "javascript:alert(1)")]
    [InlineData("TrackingUrl", "/relative/path")]
    [InlineData("Carrier", "")]
    [InlineData("TrackingNumber", "1Z\uFDD0")]
    public async Task A_bad_shipment_is_refused_beside_its_field_and_the_order_stays_confirmed(string field, string value)
    {
        await using var storefront = shop.CreateShoppingStorefront().WithTestSignIn();
        var order = await PlaceAsync(storefront, await shop.CreateProductAsync(price: 2m, stock: 3));
        await Orders(storefront).ConfirmAsync(order.ShopperId, order.OrderId, CancellationToken.None);
        using var client = storefront.Browser(Admin);
        var url = $"/operations/orders/{order.OrderId}";
        var fields = new Dictionary<string, string> { ["Carrier"] = "UPS", ["TrackingNumber"] = "1Z9", ["TrackingUrl"] = "" };
        fields[field] = value;

        var response = await client.PostFormAsync($"{url}?handler=ship", Form(await client.GetDocumentAsync(url), [.. fields.Select(f => (f.Key, f.Value))]));
        var page = await Html.ParseAsync(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.NotNull(page.QuerySelector($"#{field}-error"));
        Assert.Equal(OrderStatus.Confirmed, (await Orders(storefront).FindAsync(order.ShopperId, order.OrderId, CancellationToken.None))!.Status);
    }

    [Fact]
    public async Task An_operator_cancels_with_a_reason_the_stock_comes_back_and_a_5000_character_reason_is_refused()
    {
        await using var storefront = shop.CreateShoppingStorefront().WithTestSignIn();
        var product = await shop.CreateProductAsync(price: 2m, stock: 3);
        var order = await PlaceAsync(storefront, product);
        using var client = storefront.Browser(Admin);
        var url = $"/operations/orders/{order.OrderId}";
        var page = await client.GetDocumentAsync(url);

        var tooLong = await client.PostFormAsync($"{url}?handler=cancel", Form(page, ("Reason", new string('r', 5000))));
        var stockAfterRefusal = await shop.StockOfAsync(product);
        var cancelled = await client.PostFormAsync($"{url}?handler=cancel", Form(page, ("Reason", "Out of stock at the warehouse")));

        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
        Assert.Equal(2, stockAfterRefusal);
        Assert.Equal(HttpStatusCode.Redirect, cancelled.StatusCode);
        Assert.Equal(3, await shop.StockOfAsync(product));
        var step = (await Orders(storefront).FindAsync(order.ShopperId, order.OrderId, CancellationToken.None))!.Timeline[^1];
        Assert.Equal(new OrderEvent(OrderStatus.Cancelled, step.At, OrderActor.Operator, AdminEmail, "Out of stock at the warehouse"), step);
    }

    [Fact]
    public async Task A_shoppers_cancel_racing_an_operators_shipped_has_one_winner_and_the_loser_is_told_why()
    {
        var product = await shop.CreateProductAsync(price: 2m, stock: 5);
        var order = await PlaceAsync(shop.Shopping, product, quantity: 2);
        await Orders(shop.Shopping).ConfirmAsync(order.ShopperId, order.OrderId, CancellationToken.None);
        var confirmed = (await Orders(shop.Shopping).FindAsync(order.ShopperId, order.OrderId, CancellationToken.None))!;
        var cancellation = shop.Shopping.Services.GetRequiredService<OrderCancellation>();

        var shipping = Orders(shop.Shopping).ShipAsync(confirmed, new Shipment("DHL", "JD0001", null),
            new OrderEvent(OrderStatus.Shipped, DateTimeOffset.UtcNow, OrderActor.Operator, AdminEmail), CancellationToken.None);
        var cancelling = cancellation.CancelAsync(order.ShopperId, order.OrderId, OrderActor.Shopper, null, null, "corr-race-ship", CancellationToken.None);
        var (shipped, cancelled) = (await shipping, await cancelling);

        var stored = (await Orders(shop.Shopping).FindAsync(order.ShopperId, order.OrderId, CancellationToken.None))!;
        if (shipped.Done)
        {
            Assert.Equal($"Order {order.OrderId} has been shipped, so it can no longer be cancelled.", Assert.IsType<CancelResult.NotAllowed>(cancelled).Message);
            Assert.Equal(OrderStatus.Shipped, stored.Status);
            Assert.Equal(3, await shop.StockOfAsync(product));
        }
        else
        {
            Assert.IsType<CancelResult.Cancelled>(cancelled);
            Assert.Equal(OrderStatus.Cancelled, shipped.Order!.Status);
            Assert.Equal(OrderStatus.Cancelled, stored.Status);
            Assert.Equal(5, await shop.StockOfAsync(product));
        }
        Assert.Single(stored.Timeline, s => s.Status is OrderStatus.Shipped or OrderStatus.Cancelled);
    }

    [Fact]
    public async Task An_unknown_order_number_is_not_found_for_an_operator()
    {
        await using var storefront = shop.CreateShoppingStorefront().WithTestSignIn();
        using var client = storefront.Browser(Admin);

        var page = await client.GetAsync("/operations/orders/261125-203015-ZZZZ");
        var tooLong = await client.GetAsync($"/operations/orders/{new string('9', 300)}");

        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
        tooLong.IsClientError(HttpStatusCode.NotFound);
    }

    /// <summary>A form of <paramref name="page"/> with its antiforgery token and <paramref name="fields"/>.</summary>
    internal static Dictionary<string, string> Form(AngleSharp.Dom.IDocument page, params (string Name, string Value)[] fields)
    {
        var values = new Dictionary<string, string>
        {
            [AbuseTestSupport.TokenField] = page.QuerySelector($"input[name={AbuseTestSupport.TokenField}]")!.GetAttribute("value")!,
        };
        foreach (var (name, value) in fields)
        {
            values[name] = value;
        }
        return values;
    }

    private static OrderStore Orders(WebApplicationFactory<Program> storefront) => storefront.Services.GetRequiredService<OrderStore>();

    private static Task<Order> PlaceAsync(WebApplicationFactory<Program> storefront, string product, int quantity = 1) =>
        PlacedOrders.PlaceAsync(storefront, Guid.NewGuid().ToString(), product, quantity);
}
