using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace EndToEnd.Tests;

/// <summary>An axe-core scan of every kind of page a shopper meets, the hosted UI's included.</summary>
[Collection(ShopCollection.Name)]
public sealed class AccessibilityTests(ShopFixture shop)
{
    [Fact]
    public Task Every_page_type_has_no_serious_or_critical_accessibility_violations() => shop.InBrowserAsync(async page =>
    {
        var shopper = new Shopper(page, shop, javaScript: true);
        var violations = new List<string>();
        async Task ScanAsync(string pageType) => violations.AddRange(await SeriousViolationsAsync(page, pageType));

        await shopper.OpenTheShopAsync();
        await ScanAsync("catalog");
        await shopper.SearchAsync("mug");
        await ScanAsync("search results");
        await shopper.OpenProductAsync("Enamel Camp Mug");
        await ScanAsync("product");
        await shopper.AddToCartFromTheProductPageAsync(expectedCartCount: 1);
        await ScanAsync("product, added to the cart");
        await shopper.OpenTheCartAsync();
        await ScanAsync("cart");

        await page.GetByRole(AriaRole.Link, new() { Name = "Create account" }).ClickAsync();
        await shopper.HostedUi.ExpectSignUpPageAsync();
        await ScanAsync("hosted UI: sign up");
        await shopper.HostedUi.SignUpAsync(shopper.Email);
        await ScanAsync("hosted UI: confirm");
        await shopper.HostedUi.ConfirmWithMailedCodeAsync(shopper.Email);
        await ScanAsync("hosted UI: sign in");
        await shopper.HostedUi.SignInAsync(shopper.Email);

        await shopper.CheckOutAsync("$14.50");
        await ScanAsync("checkout");
        await shopper.PlaceOrderAsync();
        await ScanAsync("order");
        await page.GetByRole(AriaRole.Link, new() { Name = "All your orders" }).ClickAsync();
        await ScanAsync("orders");

        Assert.True(violations.Count == 0, string.Join("\n", violations));
    });

    internal static async Task<IEnumerable<string>> SeriousViolationsAsync(IPage page, string pageType)
    {
        var results = await page.RunAxe();
        return results.Violations
            .Where(v => v.Impact is "serious" or "critical")
            .Select(v => $"{pageType} ({page.Url}): {v.Id} ({v.Impact}) {v.Help}: " +
                string.Join(" | ", v.Nodes.Select(n => $"{n.Target} {n.Html}")));
    }
}
