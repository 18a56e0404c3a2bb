using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace EndToEnd.Tests;

/// <summary>
/// The whole shopper journey in a real browser against the whole local stack: browse, fill a cart, create an account
/// on the hosted UI, check out, see the order confirmed and the email arrive, sign out. Once with JavaScript (htmx)
/// and once without (plain forms and links).
/// </summary>
[Collection(ShopCollection.Name)]
public sealed class ShopperJourneyTests(ShopFixture shop)
{
    private const string Beans = "Café de Huila Whole Beans, 250 g";
    private const string Tea = "Earl Grey Crème Loose Leaf Tea";

    [Fact]
    public Task A_shopper_with_JavaScript_browses_creates_an_account_orders_gets_the_confirmation_and_signs_out() =>
        shop.InBrowserAsync(page => TheWholeJourneyAsync(new Shopper(page, shop, javaScript: true)));

    [Fact]
    public Task A_shopper_without_JavaScript_browses_creates_an_account_orders_gets_the_confirmation_and_signs_out() =>
        shop.InBrowserAsync(page => TheWholeJourneyAsync(new Shopper(page, shop, javaScript: false)), javaScript: false);

    private async Task TheWholeJourneyAsync(Shopper shopper)
    {
        var page = shopper.Page;
        await shopper.OpenTheShopAsync();
        await shopper.FilterByCategoryAsync("Coffee & Tea");
        await shopper.AddToCartFromTheGridAsync(Beans, expectedCartCount: 1);
        await shopper.SearchAsync("earl grey");
        await shopper.OpenProductAsync(Tea);
        await shopper.AddToCartFromTheProductPageAsync(expectedCartCount: 2);
        await shopper.OpenTheCartAsync();
        await shopper.ChangeQuantityInTheCartAsync(Tea, 3);
        await shopper.ExpectCartSubtotalAsync("$53.35", itemCount: 4);

        await shopper.CreateAccountAsync();
        await shopper.ExpectCartSubtotalAsync("$53.35", itemCount: 4); // the cart followed the shopper into the account

        await shopper.CheckOutAsync("$53.35");
        var orderId = await shopper.PlaceOrderAsync();
        await ExpectOrderLinesAsync(page);
        await Expect(page.Locator("#cart-link .cart-count")).ToHaveTextAsync("0");
        await shopper.WaitUntilTheOrderIsConfirmedAsync();

        var email = await shop.Mailbox.WaitForEmailAsync(shopper.Email, e => e.Subject.Contains(orderId), Shopper.ConfirmationTimeout);
        Assert.Equal($"Northwind Goods: order {orderId} is confirmed", email.Subject);
        Assert.Contains($"1 × {Beans} at $17.50 = $17.50", email.Text);
        Assert.Contains($"3 × {Tea} at $11.95 = $35.85", email.Text);
        Assert.Contains("Total: $53.35", email.Text);
        Assert.Contains($"Shipping to:\n{string.Join('\n', Shopper.Address)}", email.Text!.ReplaceLineEndings("\n"));
        Assert.Contains($"{shop.StorefrontUrl}/orders/{orderId}", email.Text);

        await page.GetByRole(AriaRole.Link, new() { Name = "All your orders" }).ClickAsync();
        var listed = page.GetByRole(AriaRole.Row).Filter(new() { Has = page.GetByRole(AriaRole.Link, new() { Name = orderId }) });
        await Expect(listed.GetByRole(AriaRole.Cell)).ToHaveTextAsync([new Regex($"^{orderId}$"), new Regex(" UTC$"), new Regex(@"^\$53\.35$"), new Regex("^Confirmed$")]);

        await shopper.SignOutAsync();
        await page.GotoAsync($"{shop.StorefrontUrl}/orders");
        await shopper.HostedUi.ExpectSignInPageAsync();
    }

    private static async Task ExpectOrderLinesAsync(IPage page)
    {
        var rows = page.Locator(".order-lines tbody tr");
        await Expect(rows).ToHaveCountAsync(2);
        await Expect(rows.Filter(new() { HasText = Beans }).Locator("td")).ToHaveTextAsync([Beans, "1", "$17.50", "$17.50"]);
        await Expect(rows.Filter(new() { HasText = Tea }).Locator("td")).ToHaveTextAsync([Tea, "3", "$11.95", "$35.85"]);
        await Expect(page.Locator(".order-lines tfoot")).ToContainTextAsync("$53.35");
    }
}
