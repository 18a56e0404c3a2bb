using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Storefront.Checkout;

using Storefront.Shopping;

namespace Storefront.Tests;

/// <summary>
/// An htmx request for a page that needs sign-in must not be redirected inside its XHR to the hosted UI (another
/// origin, so it fails): it gets 401 and <c>HX-Redirect</c>, and htmx takes the whole window to sign in.
/// </summary>
[Collection(StorefrontCollection.Name)]
public sealed class HtmxSignInTests(StorefrontFixture shop) : IAsyncLifetime
{
    private HeadlessChromium _chromium = null!;

    public async Task InitializeAsync() => _chromium = await HeadlessChromium.LaunchAsync();

    [Theory]
    [InlineData("/orders/261125-203015-K7QD", "/orders/261125-203015-K7QD?received=true")]
    [InlineData("/orders", "/orders")]
    [InlineData("/account", "/account")]
    [InlineData("/checkout?buy=enamel-camp-mug&quantity=2", "/products/enamel-camp-mug")]
    public async Task An_htmx_request_for_a_page_that_needs_sign_in_gets_401_and_a_redirect_to_sign_in_and_back(string url, string pageOn)
    {
        using var visitor = shop.Storefront.Browser();
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Add("HX-Request", "true");
        request.Headers.Add("HX-Current-URL", shop.Origins[0] + pageOn);

        using var response = await visitor.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal($"/account/signin?returnUrl={Uri.EscapeDataString(pageOn)}", Assert.Single(response.Headers.GetValues("HX-Redirect")));
        Assert.Null(response.Headers.Location);
        // Nothing of a sign-in started here (nonce, correlation): the page it navigates to starts one.
        Assert.False(response.Headers.Contains("Set-Cookie"));
        SecurityHeaderAssert.AssertShopHeaders(response, shop.SignIn.ProviderUrl);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("https://attacker.example/orders")]
    [InlineData("not a url")]
    public async Task Without_a_current_url_on_the_shop_sign_in_returns_to_the_url_asked_for(string? currentUrl)
    {
        using var visitor = shop.Storefront.Browser();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/orders/261125-203015-K7QD?received=true");
        request.Headers.Add("HX-Request", "true");
        if (currentUrl is not null)
        {
            request.Headers.TryAddWithoutValidation("HX-Current-URL", currentUrl);
        }

        using var response = await visitor.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("/account/signin?returnUrl=%2Forders%2F261125-203015-K7QD%3Freceived%3Dtrue", Assert.Single(response.Headers.GetValues("HX-Redirect")));
    }

    [Fact]
    public async Task The_orders_api_and_the_operations_page_answer_htmx_as_before()
    {
        using var visitor = shop.Storefront.Browser();
        using var api = new HttpRequestMessage(HttpMethod.Get, "/api/orders/261125-203015-K7QD") { Headers = { { "HX-Request", "true" } } };
        using var operations = new HttpRequestMessage(HttpMethod.Get, "/operations") { Headers = { { "HX-Request", "true" } } };

        using var apiResponse = await visitor.SendAsync(api);
        using var operationsResponse = await visitor.SendAsync(operations);

        Assert.Equal(HttpStatusCode.Unauthorized, apiResponse.StatusCode);
        Assert.Equal("Bearer", apiResponse.Headers.WwwAuthenticate.Single().Scheme);
        Assert.False(apiResponse.Headers.Contains("HX-Redirect"));
        Assert.Equal(HttpStatusCode.NotFound, operationsResponse.StatusCode);
        Assert.False(operationsResponse.Headers.Contains("HX-Redirect"));
    }

    [Fact]
    public async Task When_the_session_ends_the_order_status_poll_takes_the_whole_page_to_sign_in_and_back_to_the_order()
    {
        var origin = shop.Origins[2];
        await using var storefront = shop.CreateStorefront(new Dictionary<string, string?>
        {
            ["Auth__PublicOrigin"] = origin,
            ["Tables__Products"] = StorefrontFixture.ScratchProductsTable,
        }, listenOn: origin).WithTestSignIn();
        storefront.UseKestrel();
        storefront.StartServer();
        var shopperId = Guid.NewGuid().ToString();
        var product = await shop.CreateProductAsync(price: 6m, stock: 5);
        var placed = await storefront.Services.GetRequiredService<OrderPlacement>().PlaceOrderAsync(
            new Shopper(shopperId, $"{shopperId}@example.com"), [new(product, 1)], ShippingAddresses.Sample, Guid.NewGuid().ToString(), "corr-htmx-poll", CancellationToken.None);
        var orderPage = $"/orders/{Assert.IsType<CheckoutResult.Accepted>(placed).Order.OrderId}?received=true";
        await using var context = await _chromium.Browser.NewContextAsync(new() { ExtraHTTPHeaders = new Dictionary<string, string> { [TestSignInHandler.Header] = shopperId } });
        var page = await context.NewPageAsync();
        var navigations = new List<string>();
        page.Request += (_, request) =>
        {
            if (request.IsNavigationRequest)
            {
                navigations.Add(request.Url);
            }
        };

        await page.GotoAsync(origin + orderPage);
        // Signed in, the poll swaps the status in place.
        await page.WaitForResponseAsync(response => response.Url == origin + orderPage.Split('?')[0] && response.Status == 200);
        // The session ends (the header is the test's session); the next poll is answered 401 with HX-Redirect.
        await context.SetExtraHTTPHeadersAsync(new Dictionary<string, string>());
        await page.WaitForURLAsync(url => url.StartsWith($"{shop.SignIn.ProviderUrl}/login", StringComparison.Ordinal), new() { Timeout = 20_000 });

        Assert.Contains($"{origin}/account/signin?returnUrl={Uri.EscapeDataString(orderPage)}", navigations);
    }

    public async Task DisposeAsync() => await _chromium.DisposeAsync();
}
