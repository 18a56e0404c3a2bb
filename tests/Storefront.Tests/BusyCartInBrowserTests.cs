using Microsoft.Playwright;

namespace Storefront.Tests;

/// <summary>
/// The carts table missing, so the Storefront itself answers "Add to cart" with its 503 "try again": a shopper with
/// htmx is told beside the button (htmx 2 would ignore the 503 unless configured), one without JavaScript gets the page.
/// </summary>
[Collection(StorefrontCollection.Name)]
public sealed class BusyCartInBrowserTests(StorefrontFixture shop) : IAsyncLifetime
{
    private HeadlessChromium _chromium = null!;

    public async Task InitializeAsync() => _chromium = await HeadlessChromium.LaunchAsync();

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task With_the_cart_table_down_Add_to_cart_tells_the_shopper_the_shop_is_busy_with_or_without_JavaScript(bool javaScript)
    {
        await using var storefront = shop.StartStorefront(2, new Dictionary<string, string?> { ["Tables__Carts"] = "NoSuchCartsTable" });
        await using var context = await _chromium.Browser.NewContextAsync(new() { JavaScriptEnabled = javaScript });
        var page = await context.NewPageAsync();
        await page.GotoAsync(shop.Origins[2]);
        var card = page.Locator(".product-card").Filter(new() { Has = page.GetByRole(AriaRole.Heading, new() { Name = "Enamel Camp Mug" }) });

        var answer = await page.RunAndWaitForResponseAsync(() => card.GetByRole(AriaRole.Button, new() { Name = "Add to cart" }).ClickAsync(),
            response => response.Url.EndsWith("/cart/lines", StringComparison.Ordinal));

        Assert.Equal(503, answer.Status);
        if (javaScript)
        {
            await Assertions.Expect(card.GetByRole(AriaRole.Status).GetByRole(AriaRole.Alert))
                .ToHaveTextAsync("We're busy right now. Nothing was changed. Please try again in a moment.");
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("All products");
        }
        else
        {
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("We're busy right now");
            await Assertions.Expect(page.GetByText("Nothing was changed. Please try again in a moment.")).ToBeVisibleAsync();
        }
    }

    public async Task DisposeAsync() => await _chromium.DisposeAsync();
}
