using Microsoft.Playwright;
using TestSupport.Browsing;

namespace Storefront.Tests;

/// <summary>
/// The shop under its Content-Security-Policy in a real (headless) Chromium: htmx still swaps the catalog grid and
/// the cart, the sign-in and sign-out redirect chains pass form-action, and the browser reports no violation.
/// </summary>
[Collection(StorefrontCollection.Name)]
public sealed class BrowserSecurityTests(StorefrontFixture shop) : IAsyncLifetime
{
    private HeadlessChromium _chromium = null!;

    public async Task InitializeAsync() => _chromium = await HeadlessChromium.LaunchAsync();

    [Fact]
    public async Task Htmx_swaps_the_grid_and_the_cart_and_sign_in_and_out_complete_with_no_policy_violation()
    {
        await using var storefront = shop.StartStorefront(1);
        var origin = shop.Origins[1];
        await using var context = await _chromium.Browser.NewContextAsync();
        var page = await context.NewPageAsync();
        var refused = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase) || message.Text.Contains("Refused to", StringComparison.Ordinal))
            {
                refused.Add(message.Text);
            }
        };

        // The catalog grid: a filter change swaps only the grid (the page, and a value kept in it, stay).
        await page.GotoAsync(origin);
        await page.WaitForFunctionAsync("() => window.htmx !== undefined");
        await page.EvaluateAsync("() => window.stillTheSamePage = true");
        var grid = await page.RunAndWaitForResponseAsync(() => page.SelectOptionAsync("#category", new SelectOptionValue { Index = 1 }),
            response => response.Url.Contains("category=", StringComparison.Ordinal));
        Assert.Equal(200, grid.Status);
        Assert.Equal("true", await grid.Request.HeaderValueAsync("hx-request"));
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("category="));
        await Assertions.Expect(page.Locator("#product-results")).Not.ToHaveClassAsync(new System.Text.RegularExpressions.Regex("htmx-request"));
        Assert.True(await page.EvaluateAsync<bool>("() => window.stillTheSamePage === true"), "The filter reloaded the page instead of swapping the grid.");

        // The cart: add from the grid, change the quantity; htmx answers in place, the header count out of band.
        await page.Locator(".card-buy button").First.ClickAsync();
        await Assertions.Expect(page.Locator(".card-status").First).ToContainTextAsync("Added to your cart");
        await Assertions.Expect(page.Locator("#cart-link .cart-count")).ToHaveTextAsync("1");
        await page.GotoAsync($"{origin}/cart");
        await page.EvaluateAsync("() => window.stillTheSamePage = true");
        await page.Locator("input.quantity").First.FillAsync("3");
        await page.Locator("#cart-lines form[action='/cart/update'] button").First.ClickAsync();
        await Assertions.Expect(page.Locator("#cart-link .cart-count")).ToHaveTextAsync("3");
        Assert.True(await page.EvaluateAsync<bool>("() => window.stillTheSamePage === true"), "The cart update reloaded the page.");

        // Sign up and in on the provider: its POSTs redirect on to the shop's callback, then to the page asked for.
        var email = HostedUi.NewEmail();
        await page.GotoAsync($"{origin}/account/signup?returnUrl=%2Fcart");
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(HostedUi.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign up" }).ClickAsync();
        await page.GetByLabel("Verification code").FillAsync(await shop.Mailbox.LatestCodeAsync(email));
        await page.GetByRole(AriaRole.Button, new() { Name = "Confirm account" }).ClickAsync();
        await page.GetByLabel("Password").FillAsync(HostedUi.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.WaitForURLAsync($"{origin}/cart");
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Sign out" })).ToBeVisibleAsync();

        // Sign out: the shop's POST redirects to the provider's /logout, which redirects back home.
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await page.WaitForURLAsync($"{origin}/");
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Sign in" })).ToBeVisibleAsync();

        Assert.Empty(refused);
    }

    public async Task DisposeAsync() => await _chromium.DisposeAsync();
}
