using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace EndToEnd.Tests;

[Collection(ShopCollection.Name)]
public sealed class BrowsingTests(ShopFixture shop)
{
    [Fact]
    public async Task A_shopper_opening_the_shop_sees_the_seeded_products_with_prices()
    {
        await using var context = await shop.Browser.NewContextAsync();
        var page = await context.NewPageAsync();

        await page.GotoAsync(shop.StorefrontUrl);

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Enamel Camp Mug" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText("$14.50").First).ToBeVisibleAsync();
    }

    [Fact]
    public async Task The_catalog_page_has_no_serious_or_critical_accessibility_violations()
    {
        await using var context = await shop.Browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync(shop.StorefrontUrl);

        var results = await page.RunAxe();

        var serious = results.Violations.Where(v => v.Impact is "serious" or "critical").Select(v => $"{v.Id}: {v.Help}");
        Assert.Empty(serious);
    }
}
