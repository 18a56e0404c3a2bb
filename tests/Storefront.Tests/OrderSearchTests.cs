using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Shop.Shared.Orders;
using Storefront.Operations;

namespace Storefront.Tests;

/// <summary><c>/operations/orders</c>: operators find orders by number, email, status and date range, a page at a time.</summary>
[Collection(StorefrontCollection.Name)]
public sealed class OrderSearchTests(StorefrontFixture shop)
{
    private const string Admin = "operator-7;staff,admin";

    [Theory]
    [InlineData(null)]
    [InlineData("shopper-1")]
    public async Task The_order_search_is_not_found_for_anyone_outside_the_admin_group(string? user)
    {
        await using var storefront = shop.CreateStorefront().WithTestSignIn();

        var page = await storefront.SignedInClient(user).GetAsync("/operations/orders?Status=CONFIRMED");

        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
    }

    [Fact]
    public async Task An_operator_finds_a_shoppers_orders_by_email_newest_first_and_narrows_them_by_status()
    {
        var (storefront, orders) = await IsolatedAsync();
        await using var owned = storefront;
        var product = await shop.CreateProductAsync(price: 3m, stock: 10);
        var shopper = $"s-{Guid.NewGuid():N}";
        var placed = new List<Order>();
        for (var i = 0; i < 3; i++)
        {
            placed.Add(await PlacedOrders.PlaceAsync(storefront, shopper, product));
        }
        await PlacedOrders.PlaceAsync(storefront, $"other-{Guid.NewGuid():N}", product);
        await orders.ConfirmAsync(shopper, placed[1].OrderId, CancellationToken.None);
        using var client = storefront.Browser(Admin);

        var all = await client.GetDocumentAsync($"/operations/orders?Email={shopper}@example.com");
        var confirmed = await client.GetDocumentAsync($"/operations/orders?Email={shopper}@example.com&Status=CONFIRMED");
        var byNumber = await client.GetDocumentAsync($"/operations/orders?Number={placed[2].OrderId}");

        Assert.Equal(placed.OrderByDescending(o => o.PlacedAt).Select(o => o.OrderId), Numbers(all));
        Assert.Equal([placed[1].OrderId], Numbers(confirmed));
        Assert.Equal([placed[2].OrderId], Numbers(byNumber));
    }

    [Fact]
    public async Task Confirmed_orders_page_through_with_a_cursor_newest_first_each_once()
    {
        var (storefront, orders) = await IsolatedAsync();
        await using var owned = storefront;
        var product = await shop.CreateProductAsync(price: 3m, stock: 40);
        var placed = new List<string>();
        for (var i = 0; i < OrdersModel.PageSize + 3; i++)
        {
            var order = await PlacedOrders.PlaceAsync(storefront, $"p{i}-{Guid.NewGuid():N}", product);
            await orders.ConfirmAsync(order.ShopperId, order.OrderId, CancellationToken.None);
            placed.Add(order.OrderId);
        }
        using var client = storefront.Browser(Admin);

        var first = await client.GetDocumentAsync("/operations/orders");
        var next = first.QuerySelector("a[rel=next]")!.GetAttribute("href")!;
        var second = await client.GetDocumentAsync(next);

        Assert.Equal(OrdersModel.PageSize, Numbers(first).Count);
        // Orders placed within the same second sort by the index's own order there; across pages each appears once.
        Assert.Equal(placed.Order(), Numbers(first).Concat(Numbers(second)).Order());
        Assert.Equal(Numbers(first).Concat(Numbers(second)).Select(n => n[..13]), placed.Select(n => n[..13]).OrderDescending());
        Assert.DoesNotContain("ORDER", Uri.UnescapeDataString(next), StringComparison.Ordinal); // opaque: no key in sight
    }

    [Theory]
    [InlineData("Cursor=not-a-cursor")]
    [InlineData("Cursor=CfDJ8AAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("From=2026-13-01")]
    [InlineData("From=2026-02-01&To=2026-01-01")]
    [InlineData("Status=REFUNDED")]
    [InlineData("Email=no-at-sign")]
    public async Task A_forged_cursor_or_a_bad_field_is_a_400_with_a_message_never_a_500(string query)
    {
        await using var storefront = shop.CreateStorefront().WithTestSignIn();

        var response = await storefront.Browser(Admin).GetAsync($"/operations/orders?{query}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var page = await Html.ParseAsync(await response.Content.ReadAsStringAsync());
        Assert.NotNull(page.QuerySelector(".field-error, .form-errors"));
    }

    [Fact]
    public async Task A_cursor_of_one_search_is_refused_for_another()
    {
        var (storefront, orders) = await IsolatedAsync();
        await using var owned = storefront;
        var product = await shop.CreateProductAsync(price: 3m, stock: 40);
        for (var i = 0; i < OrdersModel.PageSize + 1; i++)
        {
            var order = await PlacedOrders.PlaceAsync(storefront, $"c{i}-{Guid.NewGuid():N}", product);
            await orders.ConfirmAsync(order.ShopperId, order.OrderId, CancellationToken.None);
        }
        using var client = storefront.Browser(Admin);
        var next = (await client.GetDocumentAsync("/operations/orders?Status=CONFIRMED")).QuerySelector("a[rel=next]")!.GetAttribute("href")!;

        var elsewhere = await client.GetAsync(next.Replace("Status=CONFIRMED", "Status=SHIPPED", StringComparison.Ordinal));

        Assert.Equal(HttpStatusCode.BadRequest, elsewhere.StatusCode);
    }

    [Fact]
    public async Task A_date_range_that_ends_before_the_orders_were_placed_finds_none()
    {
        var (storefront, orders) = await IsolatedAsync();
        await using var owned = storefront;
        var order = await PlacedOrders.PlaceAsync(storefront, $"d-{Guid.NewGuid():N}", await shop.CreateProductAsync(price: 3m, stock: 2));
        using var client = storefront.Browser(Admin);
        var yesterday = DateTime.UtcNow.AddDays(-1).ToString("yyyy-MM-dd");

        var before = await client.GetDocumentAsync($"/operations/orders?Email={order.ShopperEmail}&To={yesterday}");
        var including = await client.GetDocumentAsync($"/operations/orders?Email={order.ShopperEmail}&From={yesterday}");

        Assert.Empty(Numbers(before));
        Assert.Equal([order.OrderId], Numbers(including));
    }

    private async Task<(WebApplicationFactory<Program> Storefront, OrderStore Orders)> IsolatedAsync()
    {
        var storefront = shop.CreateShoppingStorefront(await shop.CreateIsolatedOrdersAsync()).WithTestSignIn();
        return (storefront, storefront.Services.GetRequiredService<OrderStore>());
    }

    private static List<string> Numbers(AngleSharp.Dom.IDocument page) =>
        page.QuerySelectorAll("#orders tbody tr td:first-child a").Select(a => a.TextContent).ToList();
}
