using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace EndToEnd.Tests;

/// <summary>What the stylesheet must get right on signed-in pages, measured in the browser.</summary>
[Collection(ShopCollection.Name)]
public sealed class PageStyleTests(ShopFixture shop)
{
    [Fact]
    public Task Signed_in_the_header_shows_the_shoppers_links_and_sign_out_alike_on_one_row() => shop.InBrowserAsync(async page =>
    {
        var shopper = new Shopper(page, shop, javaScript: true);
        await shopper.OpenTheShopAsync();
        await shopper.CreateAccountAsync();

        var orders = page.Locator(".account-menu").GetByRole(AriaRole.Link, new() { Name = "Your orders" });
        var signOut = page.Locator(".account-menu").GetByRole(AriaRole.Button, new() { Name = "Sign out" });
        var (ordersBox, signOutBox) = (await orders.BoundingBoxAsync(), await signOut.BoundingBoxAsync());
        Assert.NotNull(ordersBox);
        Assert.NotNull(signOutBox);
        Assert.InRange(signOutBox.Y + signOutBox.Height / 2 - (ordersBox.Y + ordersBox.Height / 2), -4, 4);
        Assert.True(signOutBox.X > ordersBox.X + ordersBox.Width, "Sign out is not beside the other links.");
        Assert.Equal(await StyleAsync(orders, "font-size"), await StyleAsync(signOut, "font-size"));
        Assert.Equal(await StyleAsync(orders, "color"), await StyleAsync(signOut, "color"));
    });

    [Fact]
    public Task Place_order_looks_like_the_carts_check_out_button() => shop.InBrowserAsync(async page =>
    {
        var shopper = new Shopper(page, shop, javaScript: true);
        await shopper.OpenTheShopAsync();
        await shopper.SearchAsync("mug");
        await shopper.OpenProductAsync("Enamel Camp Mug");
        await shopper.AddToCartFromTheProductPageAsync(expectedCartCount: 1);
        await shopper.OpenTheCartAsync();
        var checkOutColour = await StyleAsync(page.GetByRole(AriaRole.Link, new() { Name = "Check out" }), "background-color");
        await shopper.CreateAccountAsync();
        await shopper.CheckOutAsync("$14.50");

        var placeOrder = page.GetByRole(AriaRole.Button, new() { Name = "Place order" });
        await Expect(placeOrder).ToBeVisibleAsync();
        Assert.Equal(checkOutColour, await StyleAsync(placeOrder, "background-color"));
    });

    private static Task<string> StyleAsync(ILocator element, string property) =>
        element.EvaluateAsync<string>("(e, p) => getComputedStyle(e).getPropertyValue(p)", property);
}
