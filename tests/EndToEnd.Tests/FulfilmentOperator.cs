using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace EndToEnd.Tests;

/// <summary>
/// What a shop operator does with orders on the operations pages, in a browser of their own: a real account on the hosted UI,
/// put in the <c>admin</c> group by the identity provider's command, then signed in again so the token carries it.
/// </summary>
public sealed class FulfilmentOperator(IPage page, ShopFixture shop, bool javaScript)
{
    private readonly Shopper _account = new(page, shop, javaScript);

    public IPage Page => page;

    public async Task SignInAsAnAdminAsync()
    {
        await _account.OpenTheShopAsync();
        await _account.CreateAccountAsync();
        await shop.MakeAdminAsync(_account.Email);
        // Groups come with the ID token, so only a sign-in after make-admin makes an operator.
        await _account.SignOutAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Sign in", Exact = true }).ClickAsync();
        await _account.HostedUi.ExpectSignInPageAsync();
        await _account.HostedUi.SignInAsync(_account.Email);
        await _account.ExpectSignedInAtAsync("/");
    }

    public async Task FindOrdersOfAsync(string shopperEmail)
    {
        await page.GotoAsync($"{shop.StorefrontUrl}/operations");
        await page.GetByRole(AriaRole.Link, new() { Name = "Find orders" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Orders");
        await page.GetByLabel("Shopper's email").FillAsync(shopperEmail);
        await page.GetByRole(AriaRole.Button, new() { Name = "Find orders" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex($"[?&]Email={Regex.Escape(Uri.EscapeDataString(shopperEmail))}"));
    }

    /// <summary>The found order's row: order number, when, shopper, status, total.</summary>
    public ILocator ResultRow(string orderId) =>
        page.Locator("#orders tbody tr").Filter(new() { Has = page.GetByRole(AriaRole.Link, new() { Name = orderId, Exact = true }) });

    public async Task OpenOrderAsync(string orderId)
    {
        await ResultRow(orderId).GetByRole(AriaRole.Link, new() { Name = orderId, Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync($"Order {orderId}");
    }

    public async Task MarkShippedAsync(string carrier, string trackingNumber)
    {
        await page.GetByLabel("Carrier").FillAsync(carrier);
        await page.GetByLabel("Tracking number").FillAsync(trackingNumber);
        await page.GetByRole(AriaRole.Button, new() { Name = "Mark shipped" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Marked shipped.");
        await Expect(page.Locator("strong.status")).ToHaveTextAsync("Shipped");
    }
}
