using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace EndToEnd.Tests;

[Collection(ShopCollection.Name)]
public sealed class BrowsingTests(ShopFixture shop)
{
    [Fact]
    public Task A_shopper_opening_the_shop_sees_the_seeded_products_with_prices() => shop.InBrowserAsync(async page =>
    {
        await page.GotoAsync(shop.StorefrontUrl);

        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Enamel Camp Mug" })).ToBeVisibleAsync();
        await Expect(page.GetByText("$14.50").First).ToBeVisibleAsync();
    });
}
