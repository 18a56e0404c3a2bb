using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace EndToEnd.Tests;

/// <summary>
/// What a shopper does in the shop, step by step, with JavaScript (htmx swaps parts of pages) or without (plain forms
/// and links, whole pages). Each step waits for what the shopper would see, never for a fixed time.
/// </summary>
public sealed partial class Shopper(IPage page, ShopFixture shop, bool javaScript)
{
    /// <summary>How long the worker may take to confirm an order and mail it, on a busy machine.</summary>
    public static readonly TimeSpan ConfirmationTimeout = TimeSpan.FromSeconds(60);

    /// <summary>How often a shopper without JavaScript reloads a pending order (htmx polls every 2 s).</summary>
    private static readonly TimeSpan ReloadInterval = TimeSpan.FromMilliseconds(500);

    public IPage Page => page;
    public string Email { get; } = $"shopper-{Guid.NewGuid():N}@example.com";
    public HostedUiPages HostedUi { get; } = new(page, shop);

    private ILocator CartCount => page.Locator("#cart-link .cart-count");
    private ILocator ResultsSummary => page.Locator("#results-summary");

    public async Task OpenTheShopAsync()
    {
        await page.GotoAsync(shop.StorefrontUrl);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("All products");
        await Expect(CartCount).ToHaveTextAsync("0");
    }

    public async Task FilterByCategoryAsync(string category)
    {
        await page.GetByLabel("Category", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = category });
        if (!javaScript)
        {
            await page.GetByRole(AriaRole.Button, new() { Name = "Show" }).ClickAsync();
        }
        // With htmx only the grid changes, and the address bar follows (HX-Push-Url).
        await Expect(ResultsSummary).ToContainTextAsync($"in {category}");
        await Expect(page).ToHaveURLAsync(new Regex(@"[?&]category="));
    }

    public async Task SearchAsync(string words)
    {
        var box = page.GetByRole(AriaRole.Searchbox, new() { Name = "Search products" });
        await box.FillAsync(words);
        await box.PressAsync("Enter");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync($"Results for “{words}”");
    }

    /// <summary>"Add to cart" on a product's card in the grid.</summary>
    public async Task AddToCartFromTheGridAsync(string productName, int expectedCartCount)
    {
        var card = page.Locator(".product-card").Filter(new() { Has = page.GetByRole(AriaRole.Heading, new() { Name = productName }) });
        await card.GetByRole(AriaRole.Button, new() { Name = "Add to cart" }).ClickAsync();
        if (javaScript)
        {
            await Expect(card.GetByRole(AriaRole.Status)).ToContainTextAsync("Added to your cart.");
        }
        else
        {
            // The plain post redirects back to the catalog, which says what happened.
            await Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = $"Added {productName} to your cart." })).ToBeVisibleAsync();
        }
        await Expect(CartCount).ToHaveTextAsync(expectedCartCount.ToString());
    }

    public async Task OpenProductAsync(string productName)
    {
        await page.GetByRole(AriaRole.Link, new() { Name = productName, Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(productName);
    }

    /// <summary>"Add to cart" on a product page: with htmx the page says so; without, the cart opens and says so.</summary>
    public async Task AddToCartFromTheProductPageAsync(int expectedCartCount)
    {
        var productName = await page.GetByRole(AriaRole.Heading, new() { Level = 1 }).InnerTextAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Add to cart", Exact = true }).ClickAsync();
        if (javaScript)
        {
            await Expect(page.Locator("#cart-status")).ToContainTextAsync("Added to your cart.");
        }
        else
        {
            await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Your cart");
            await Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = $"Added {productName} to your cart." })).ToBeVisibleAsync();
        }
        await Expect(CartCount).ToHaveTextAsync(expectedCartCount.ToString());
    }

    public async Task OpenTheCartAsync()
    {
        await page.Locator("#cart-link").ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Your cart");
    }

    public async Task ChangeQuantityInTheCartAsync(string productName, int quantity)
    {
        var row = page.GetByRole(AriaRole.Row).Filter(new() { Has = page.GetByRole(AriaRole.Link, new() { Name = productName }) });
        await row.GetByLabel($"Quantity of {productName}").FillAsync(quantity.ToString());
        await row.GetByRole(AriaRole.Button, new() { Name = "Update" }).ClickAsync();
        await Expect(row.GetByLabel($"Quantity of {productName}")).ToHaveValueAsync(quantity.ToString());
    }

    public async Task ExpectCartSubtotalAsync(string subtotal, int itemCount)
    {
        await Expect(page.Locator(".cart-subtotal")).ToHaveTextAsync(subtotal);
        await Expect(CartCount).ToHaveTextAsync(itemCount.ToString());
    }

    /// <summary>"Create account" in the header: sign up on the hosted UI, confirm, sign in, and back to the shop.</summary>
    public async Task CreateAccountAsync()
    {
        var returnTo = new Uri(page.Url).PathAndQuery;
        await page.GetByRole(AriaRole.Link, new() { Name = "Create account" }).ClickAsync();
        await HostedUi.ExpectSignUpPageAsync();
        await HostedUi.SignUpAsync(Email);
        await HostedUi.ConfirmWithMailedCodeAsync(Email);
        await HostedUi.SignInAsync(Email);
        await ExpectSignedInAtAsync(returnTo);
    }

    public async Task ExpectSignedInAtAsync(string pathAndQuery)
    {
        await Expect(page).ToHaveURLAsync(shop.StorefrontUrl + pathAndQuery);
        await Expect(page.Locator(".account-menu")).ToContainTextAsync(Email);
    }

    public async Task CheckOutAsync(string total)
    {
        await page.GetByRole(AriaRole.Link, new() { Name = "Check out" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Checkout");
        await Expect(page.Locator(".order-lines tfoot")).ToContainTextAsync(total);
    }

    /// <summary>Where the shopper's orders go; a first checkout asks for it, later ones have it prefilled.</summary>
    public static readonly string[] Address = ["Ada Lovelace", "12 St James's Square", "London SW1Y 4JH", "United Kingdom"];

    /// <summary>"Place order", typing the shipping address first if the form has none yet: the order page says it is
    /// received, gives its number and where it goes.</summary>
    public async Task<string> PlaceOrderAsync()
    {
        if (await page.GetByLabel("Full name").InputValueAsync() == "")
        {
            await page.GetByLabel("Full name").FillAsync(Address[0]);
            await page.GetByLabel("Address line 1").FillAsync(Address[1]);
            await page.GetByLabel("Town or city").FillAsync("London");
            await page.GetByLabel("Postal code (optional)").FillAsync("SW1Y 4JH");
            await page.GetByLabel("Country").SelectOptionAsync(new SelectOptionValue { Label = Address[3] });
        }
        await page.GetByRole(AriaRole.Button, new() { Name = "Place order" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Order received");
        var number = page.Locator(".lead strong");
        await Expect(number).ToHaveTextAsync(OrderNumber());
        var orderId = await number.InnerTextAsync();
        await Expect(page).ToHaveURLAsync($"{shop.StorefrontUrl}/orders/{orderId}?received=true");
        await Expect(page.Locator(".ship-to address")).ToHaveTextAsync(
            new System.Text.RegularExpressions.Regex(string.Join(@"\s*", Address.Select(System.Text.RegularExpressions.Regex.Escape))));
        return orderId;
    }

    public ILocator OrderStatus => page.Locator("#order-status .status");

    /// <summary>With JavaScript the status changes in place (htmx polls); without, the shopper reloads the page.</summary>
    public async Task WaitUntilTheOrderIsConfirmedAsync()
    {
        if (javaScript)
        {
            await page.EvaluateAsync("() => { window.statusLiveRegion = document.querySelector('#order-status').closest('[aria-live]'); }");
            await Expect(OrderStatus).ToHaveTextAsync("Confirmed", new() { Timeout = (float)ConfirmationTimeout.TotalMilliseconds });
            Assert.True(await page.EvaluateAsync<bool>("() => 'statusLiveRegion' in window"), "The order page was reloaded.");
            // A live region announces changes inside it only if it stays on the page while they happen.
            Assert.True(await page.EvaluateAsync<bool>("() => window.statusLiveRegion?.isConnected === true"),
                "The status was swapped with its live region, so screen readers would not announce it.");
            return;
        }
        var deadline = DateTimeOffset.UtcNow + ConfirmationTimeout;
        while (await OrderStatus.InnerTextAsync() is var status && status != "Confirmed")
        {
            Assert.Equal("Pending", status);
            Assert.True(DateTimeOffset.UtcNow < deadline, $"The order was not confirmed within {ConfirmationTimeout.TotalSeconds} s.");
            await Task.Delay(ReloadInterval);
            // Waiting for a load state after the click races the new document's events (CI once timed out
            // that way); the response is awaited from before the click, and a status still read from the
            // old page is only "Pending" once more.
            await page.RunAndWaitForResponseAsync(
                () => page.GetByRole(AriaRole.Link, new() { Name = "Refresh" }).ClickAsync(),
                response => response.Request.IsNavigationRequest);
        }
    }

    /// <summary>"Sign out" in the header: the shop and the hosted UI both end their sessions, then home.</summary>
    public async Task SignOutAsync()
    {
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(shop.StorefrontUrl + "/");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Sign in", Exact = true })).ToBeVisibleAsync();
    }

    [GeneratedRegex("^[0-9]{6}-[0-9]{6}-[0-9A-Z]{4}$")]
    private static partial Regex OrderNumber();
}
