using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace EndToEnd.Tests;

/// <summary>
/// An operator runs a product's whole life while a shopper buys it, in two browsers against the whole local stack:
/// create it with a photo, see a shopper find and buy it, see the stock go down, restock, retire it, and the shopper
/// no longer finds it. Once with JavaScript and once without.
/// </summary>
[Collection(ShopCollection.Name)]
public sealed class OperatorJourneyTests(ShopFixture shop)
{
    /// <summary>Set to copy the editor's screenshot over the README's (docs/product-editor.png).</summary>
    private const string UpdateScreenshotsVariable = "UPDATE_SCREENSHOTS";

    [Fact]
    public Task With_JavaScript_an_operator_creates_a_product_with_a_photo_a_shopper_buys_it_and_the_operator_restocks_and_retires_it() =>
        shop.InBrowserAsync(operatorPage => shop.InBrowserAsync(shopperPage => TheProductsLifeAsync(operatorPage, shopperPage, javaScript: true)));

    [Fact]
    public Task Without_JavaScript_an_operator_creates_a_product_with_a_photo_a_shopper_buys_it_and_the_operator_restocks_and_retires_it() =>
        shop.InBrowserAsync(operatorPage => shop.InBrowserAsync(shopperPage => TheProductsLifeAsync(operatorPage, shopperPage, javaScript: false),
            javaScript: false), javaScript: false);

    private async Task TheProductsLifeAsync(IPage operatorPage, IPage shopperPage, bool javaScript)
    {
        var name = $"Walnut Desk Tray {Guid.NewGuid().ToString("N")[..6]}";
        var productId = name.ToLowerInvariant().Replace(' ', '-');
        var admin = new Operator(operatorPage, shop);
        await SignInAsAdminAsync(new Shopper(operatorPage, shop, javaScript));
        await admin.OpenTheProductListAsync();
        await admin.CreateProductAsync(name, "Desk Goods", "18.50", stock: 5);
        await TakeTheEditorsScreenshotAsync(operatorPage, javaScript);

        var shopper = new Shopper(shopperPage, shop, javaScript);
        await shopper.OpenTheShopAsync();
        await shopper.SearchAsync(name);
        var card = shopperPage.Locator(".product-card").Filter(new() { HasText = name });
        await Expect(card.Locator("img")).ToHaveAttributeAsync("src", new System.Text.RegularExpressions.Regex("^/media/"));
        var photo = await shopperPage.APIRequest.GetAsync(shop.StorefrontUrl + await card.Locator("img").GetAttributeAsync("src"));
        Assert.Equal((200, "image/png"), (photo.Status, photo.Headers["content-type"]));
        Assert.Equal(Operator.Photo, await photo.BodyAsync());
        await shopper.OpenProductAsync(name);
        await shopper.AddToCartFromTheProductPageAsync(expectedCartCount: 1);
        await shopper.OpenTheCartAsync();
        await shopper.CreateAccountAsync();
        await shopper.CheckOutAsync("$18.50");
        await shopper.PlaceOrderAsync();

        await admin.OpenTheEditorAsync(productId);
        await admin.ExpectStockAsync(4);
        await admin.RestockAsync(10, "Delivery from the workshop");
        await admin.ExpectStockAsync(14);
        await admin.RetireAsync();

        await shopper.OpenTheShopAsync();
        await shopper.SearchAsync(name);
        await Expect(shopperPage.Locator(".product-card")).ToHaveCountAsync(0);
        await shopperPage.GotoAsync($"{shop.StorefrontUrl}/products/{productId}");
        await Expect(shopperPage.Locator("#no-longer-available")).ToContainTextAsync("This product is no longer available.");

        if (javaScript)
        {
            var violations = new List<string>();
            await admin.OpenTheProductListAsync();
            violations.AddRange(await AccessibilityTests.SeriousViolationsAsync(operatorPage, "operator: products"));
            await admin.OpenTheEditorAsync(productId);
            violations.AddRange(await AccessibilityTests.SeriousViolationsAsync(operatorPage, "operator: editor"));
            await admin.OpenTheImportPageAsync();
            violations.AddRange(await AccessibilityTests.SeriousViolationsAsync(operatorPage, "operator: import"));
            Assert.True(violations.Count == 0, string.Join("\n", violations));
        }
    }

    /// <summary>A new account, made an admin with the provider's make-admin command, signed in again for the group.</summary>
    private async Task SignInAsAdminAsync(Shopper account)
    {
        await account.OpenTheShopAsync();
        await account.CreateAccountAsync();
        await shop.MakeAdminAsync(account.Email);
        await account.SignOutAsync();
        await account.Page.GetByRole(AriaRole.Link, new() { Name = "Sign in", Exact = true }).ClickAsync();
        await account.HostedUi.SignInAsync(account.Email);
    }

    /// <summary>The README's picture of the editor: always kept with the test results, copied to docs/ on request.</summary>
    private static async Task TakeTheEditorsScreenshotAsync(IPage page, bool javaScript)
    {
        if (!javaScript)
        {
            return;
        }
        Directory.CreateDirectory(BrowserSessions.ResultsFolder);
        var taken = Path.Combine(BrowserSessions.ResultsFolder, "product-editor.png");
        await page.Locator("main").ScreenshotAsync(new() { Path = taken });
        if (Environment.GetEnvironmentVariable(UpdateScreenshotsVariable) == "1")
        {
            File.Copy(taken, Path.Combine(LocalDev.LocalAws.RepoPaths.Root, "docs", "product-editor.png"), overwrite: true);
        }
    }
}
