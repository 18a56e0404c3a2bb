using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Shop.Shared.Orders;
using Storefront.Orders;

namespace Storefront.Tests;

/// <summary><c>/orders</c>: all of a shopper's orders, a page at a time, filtered by status.</summary>
[Collection(StorefrontCollection.Name)]
public sealed class ShopperOrderListTests(StorefrontFixture shop)
{
    [Fact]
    public async Task A_shopper_pages_through_all_their_orders_newest_first_and_filters_them_by_status()
    {
        await using var storefront = shop.CreateShoppingStorefront().WithTestSignIn();
        var product = await shop.CreateProductAsync(price: 2m, stock: 60);
        var shopper = Guid.NewGuid().ToString();
        var placed = new List<Order>();
        for (var i = 0; i < ShopperOrderList.PageSize * 2 + 1; i++)
        {
            placed.Add(await PlacedOrders.PlaceAsync(storefront, shopper, product));
        }
        await storefront.Services.GetRequiredService<OrderCancellation>().CancelAsync(shopper, placed[0].OrderId, OrderActor.Shopper, null, null, "corr-l", CancellationToken.None);
        using var client = storefront.Browser(shopper);

        var pages = new List<List<string>>();
        for (var url = "/orders"; url is not null;)
        {
            var page = await client.GetDocumentAsync(url);
            pages.Add(Numbers(page));
            url = page.QuerySelector("a[rel=next]")?.GetAttribute("href");
        }
        var cancelled = await client.GetDocumentAsync("/orders?status=cancelled");

        Assert.Equal([ShopperOrderList.PageSize, ShopperOrderList.PageSize, 1], pages.Select(p => p.Count));
        // Each order once; newest first to the second (order numbers within one second sort by their random suffix).
        Assert.Equal(placed.Select(o => o.OrderId).Order(), pages.SelectMany(p => p).Order());
        Assert.Equal(placed.Select(o => o.OrderId[..13]).OrderDescending(), pages.SelectMany(p => p).Select(n => n[..13]));
        Assert.Equal([placed[0].OrderId], Numbers(cancelled));
        Assert.Equal("cancelled", cancelled.QuerySelector("#status option[selected]")!.GetAttribute("value"));
    }

    [Theory]
    [InlineData("/orders?status=refunded")]
    [InlineData("/orders?cursor=CfDJ8forged")]
    public async Task An_unknown_status_or_a_forged_cursor_is_a_400_with_a_message(string url)
    {
        await using var storefront = shop.CreateShoppingStorefront().WithTestSignIn();

        var response = await storefront.Browser(Guid.NewGuid().ToString()).GetAsync(url);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.NotNull((await Html.ParseAsync(await response.Content.ReadAsStringAsync())).QuerySelector(".form-errors"));
    }

    [Fact]
    public async Task Another_shoppers_cursor_is_refused()
    {
        await using var storefront = shop.CreateShoppingStorefront().WithTestSignIn();
        var product = await shop.CreateProductAsync(price: 2m, stock: 30);
        var owner = Guid.NewGuid().ToString();
        for (var i = 0; i < ShopperOrderList.PageSize + 1; i++)
        {
            await PlacedOrders.PlaceAsync(storefront, owner, product);
        }
        var next = (await storefront.Browser(owner).GetDocumentAsync("/orders")).QuerySelector("a[rel=next]")!.GetAttribute("href")!;

        var stolen = await storefront.Browser(Guid.NewGuid().ToString()).GetAsync(next);

        Assert.Equal(HttpStatusCode.BadRequest, stolen.StatusCode);
    }

    private static List<string> Numbers(AngleSharp.Dom.IDocument page) =>
        page.QuerySelectorAll("table.orders tbody tr td:first-child a").Select(a => a.TextContent).ToList();
}
