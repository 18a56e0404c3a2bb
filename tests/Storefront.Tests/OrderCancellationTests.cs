using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Shop.Shared.Orders;
using Storefront.Orders;

namespace Storefront.Tests;

[Collection(StorefrontCollection.Name)]
public sealed class OrderCancellationTests(StorefrontFixture shop)
{
    [Fact]
    public async Task A_shopper_cancels_their_order_after_a_confirmation_step_and_its_stock_comes_back()
    {
        await using var storefront = shop.CreateShoppingStorefront().WithTestSignIn();
        var shopperId = Guid.NewGuid().ToString();
        using var client = storefront.Browser(shopperId);
        var product = await shop.CreateProductAsync(price: 8m, stock: 6);
        var order = await PlacedOrders.PlaceAsync(storefront, shopperId, product, quantity: 2);

        var orderPage = await client.GetDocumentAsync($"/orders/{order.OrderId}");
        var confirmStep = await client.GetDocumentAsync(orderPage.QuerySelector("a[href$='/cancel']")!.GetAttribute("href")!);
        var stockBeforeConfirming = await shop.StockOfAsync(product);
        var cancelled = await client.PostFormAsync($"/orders/{order.OrderId}/cancel",
            new Dictionary<string, string> { [AbuseTestSupport.TokenField] = confirmStep.QuerySelector($"input[name={AbuseTestSupport.TokenField}]")!.GetAttribute("value")! });
        var after = await client.GetDocumentAsync(cancelled.Headers.Location!.OriginalString);

        Assert.Contains("Nothing was charged", confirmStep.Body!.TextContent);
        Assert.Equal(4, stockBeforeConfirming);
        Assert.Equal(HttpStatusCode.Redirect, cancelled.StatusCode);
        Assert.Equal("Cancelled", after.QuerySelector("#order-status .status")!.TextContent);
        Assert.Equal(["Placed", "Cancelled by you"], after.QuerySelectorAll(".timeline li strong").Select(s => s.TextContent));
        Assert.Contains("Nothing was charged", after.QuerySelector("[role=status]")!.TextContent);
        Assert.Null(after.QuerySelector("a[href$='/cancel']"));
        Assert.Equal(6, await shop.StockOfAsync(product));
    }

    [Fact]
    public async Task Six_cancels_of_one_order_at_once_have_one_winner_and_return_the_stock_once()
    {
        var product = await shop.CreateProductAsync(price: 3m, stock: 10);
        var shopperId = Guid.NewGuid().ToString();
        var order = await PlacedOrders.PlaceAsync(shop.Shopping, shopperId, product, quantity: 3);

        var results = await Task.WhenAll(Enumerable.Range(0, 6).Select(i =>
            Cancellation.CancelAsync(shopperId, order.OrderId, OrderActor.Shopper, null, null, $"corr-cancel-{i}", CancellationToken.None)));

        Assert.Single(results.OfType<CancelResult.Cancelled>());
        Assert.All(results.Where(r => r is not CancelResult.Cancelled),
            r => Assert.Equal($"Order {order.OrderId} is already cancelled.", Assert.IsType<CancelResult.NotAllowed>(r).Message));
        Assert.Equal(10, await shop.StockOfAsync(product));
        var stored = await Orders.FindAsync(shopperId, order.OrderId, CancellationToken.None);
        Assert.Single(stored!.Timeline, s => s.Status == OrderStatus.Cancelled);
    }

    [Fact]
    public async Task A_cancel_racing_the_workers_confirmation_leaves_one_consistent_story_and_returns_the_stock_once()
    {
        var product = await shop.CreateProductAsync(price: 3m, stock: 10);
        var shopperId = Guid.NewGuid().ToString();
        var order = await PlacedOrders.PlaceAsync(shop.Shopping, shopperId, product, quantity: 4);

        var confirming = Orders.ConfirmAsync(shopperId, order.OrderId, CancellationToken.None);
        var cancelling = Cancellation.CancelAsync(shopperId, order.OrderId, OrderActor.Shopper, null, null, "corr-race", CancellationToken.None);
        var (confirmed, _) = await confirming;
        var cancelled = await cancelling;

        Assert.IsType<CancelResult.Cancelled>(cancelled);
        var stored = await Orders.FindAsync(shopperId, order.OrderId, CancellationToken.None);
        Assert.Equal(OrderStatus.Cancelled, stored!.Status);
        // Either the worker came first (confirmed, then cancelled) or the cancel did (and the worker confirms nothing).
        OrderStatus[] expected = confirmed == ConfirmOutcome.Confirmed
            ? [OrderStatus.Pending, OrderStatus.Confirmed, OrderStatus.Cancelled]
            : [OrderStatus.Pending, OrderStatus.Cancelled];
        Assert.Contains(confirmed, new[] { ConfirmOutcome.Confirmed, ConfirmOutcome.Cancelled });
        Assert.Equal(expected, stored.Timeline.Select(s => s.Status));
        Assert.Equal(10, await shop.StockOfAsync(product));
    }

    [Fact]
    public async Task Another_shoppers_order_cannot_be_cancelled_or_even_seen_and_nothing_changes()
    {
        await using var storefront = shop.CreateShoppingStorefront().WithTestSignIn();
        var product = await shop.CreateProductAsync(price: 3m, stock: 5);
        var owner = Guid.NewGuid().ToString();
        var order = await PlacedOrders.PlaceAsync(storefront, owner, product, quantity: 1);
        using var intruder = storefront.Browser(Guid.NewGuid().ToString());
        var token = await intruder.TokenAsync("/cart");

        var confirmStep = await intruder.GetAsync($"/orders/{order.OrderId}/cancel");
        var post = await intruder.PostAsync($"/orders/{order.OrderId}/cancel", AbuseTestSupport.Form(token));
        var withoutToken = await storefront.Browser(owner).PostAsync($"/orders/{order.OrderId}/cancel", AbuseTestSupport.Form(null));

        confirmStep.IsClientError(HttpStatusCode.NotFound);
        post.IsClientError(HttpStatusCode.NotFound);
        withoutToken.IsClientError(HttpStatusCode.BadRequest);
        Assert.Equal(OrderStatus.Pending, (await Orders.FindAsync(owner, order.OrderId, CancellationToken.None))!.Status);
        Assert.Equal(4, await shop.StockOfAsync(product));
    }

    [Fact]
    public async Task Cancelling_an_order_that_is_already_cancelled_says_so_with_a_409_and_changes_nothing()
    {
        await using var storefront = shop.CreateShoppingStorefront().WithTestSignIn();
        var product = await shop.CreateProductAsync(price: 3m, stock: 5);
        var shopperId = Guid.NewGuid().ToString();
        using var client = storefront.Browser(shopperId);
        var order = await PlacedOrders.PlaceAsync(storefront, shopperId, product, quantity: 1);
        var token = await client.TokenAsync($"/orders/{order.OrderId}/cancel");
        await client.PostAsync($"/orders/{order.OrderId}/cancel", AbuseTestSupport.Form(token));

        var replayed = await client.PostAsync($"/orders/{order.OrderId}/cancel", AbuseTestSupport.Form(token));
        var page = await Html.ParseAsync(await replayed.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.Conflict, replayed.StatusCode);
        Assert.Equal($"Order {order.OrderId} is already cancelled.", page.QuerySelector("[role=alert]")!.TextContent.Trim());
        Assert.Equal(5, await shop.StockOfAsync(product));
    }

    private OrderCancellation Cancellation => shop.Shopping.Services.GetRequiredService<OrderCancellation>();

    private OrderStore Orders => shop.Shopping.Services.GetRequiredService<OrderStore>();
}
