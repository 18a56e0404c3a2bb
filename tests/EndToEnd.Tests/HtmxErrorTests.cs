using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace EndToEnd.Tests;

/// <summary>
/// htmx 2 swaps no 4xx or 5xx answer unless told to: then a busy shop's 503 leaves "Add to cart" looking dead. The
/// layout's htmx-config puts an error where the answer would have gone, and the Storefront answers htmx's error
/// requests with the message alone, as an alert.
/// </summary>
[Collection(ShopCollection.Name)]
public sealed class HtmxErrorTests(ShopFixture shop)
{
    /// <summary>The Storefront's answer to an htmx request while the carts table is throttled or down, byte for byte
    /// (Storefront.Tests' <c>ErrorPageTests</c> has the real Storefront answer it).</summary>
    private const string BusyAnswer =
        """<span class="problem" role="alert"><strong>We&#x27;re busy right now.</strong> Nothing was changed. Please try again in a moment.</span>""";

    [Fact]
    public Task When_adding_to_the_cart_finds_the_shop_busy_the_shopper_is_told_beside_the_button_to_try_again() => shop.InBrowserAsync(async page =>
    {
        await page.GotoAsync(shop.StorefrontUrl);
        var title = await page.TitleAsync();
        await page.RouteAsync("**/cart/lines", route => route.FulfillAsync(new()
        {
            Status = 503,
            ContentType = "text/html; charset=utf-8",
            Headers = new Dictionary<string, string> { ["Retry-After"] = "1" },
            Body = BusyAnswer,
        }));
        var card = page.Locator(".product-card").Filter(new() { Has = page.GetByRole(AriaRole.Heading, new() { Name = "Enamel Camp Mug" }) });

        await card.GetByRole(AriaRole.Button, new() { Name = "Add to cart" }).ClickAsync();

        await Expect(card.GetByRole(AriaRole.Status).GetByRole(AriaRole.Alert))
            .ToHaveTextAsync("We're busy right now. Nothing was changed. Please try again in a moment.");
        await Expect(page).ToHaveTitleAsync(title);
        await Expect(page.Locator("#cart-link .cart-count")).ToHaveTextAsync("0");
    });

    [Fact]
    public Task When_the_shop_refuses_an_add_to_cart_the_shopper_sees_why_beside_the_button() => shop.InBrowserAsync(async page =>
    {
        await page.GotoAsync($"{shop.StorefrontUrl}/products/enamel-camp-mug");
        // The antiforgery cookie gone (cleared, or expired with the browser session): the form's token no longer
        // matches, and the Storefront itself answers 400.
        await page.Context.ClearCookiesAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Add to cart", Exact = true }).ClickAsync();

        await Expect(page.Locator("#cart-status").GetByRole(AriaRole.Alert))
            .ToHaveTextAsync("That request didn't look right. Please check what you entered and try again.");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Enamel Camp Mug");
    });
}
