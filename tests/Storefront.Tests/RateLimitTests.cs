using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;

using Storefront.Shopping;

namespace Storefront.Tests;

/// <summary>Placing orders is limited per shopper; beyond the limit, 429 with Retry-After and a friendly answer.</summary>
[Collection(StorefrontCollection.Name)]
public sealed class RateLimitTests(StorefrontFixture shop)
{
    [Fact]
    public async Task A_shopper_checking_out_faster_than_the_limit_gets_429_with_Retry_After_and_the_friendly_page()
    {
        await using var storefront = await LimitedToAsync(2);
        var product = await SeparateCatalog.CreateProductAsync(shop, price: 3m, stock: 100);
        using var shopper = storefront.Browser(NewShopper());

        var placed = new List<HttpResponseMessage>();
        for (var i = 0; i < 2; i++)
        {
            placed.Add(await shopper.PostFormAsync("/checkout", await shopper.CheckoutFormAsync(product)));
        }
        var refused = await shopper.PostFormAsync("/checkout", await shopper.CheckoutFormAsync(product));
        var checkoutPage = await shopper.GetAsync($"/checkout?buy={product}");

        Assert.All(placed, r => Assert.Equal(HttpStatusCode.Redirect, r.StatusCode));
        Assert.Equal((HttpStatusCode)429, refused.StatusCode);
        Assert.InRange(refused.Headers.RetryAfter!.Delta!.Value.TotalSeconds, 1, 60);
        var html = await refused.Content.ReadAsStringAsync();
        Assert.Contains("Too many tries", html);
        Assert.Contains($"<code>{Assert.Single(refused.Headers.GetValues("X-Correlation-Id"))}</code>", html);
        SecurityHeaderAssert.AssertShopHeaders(refused, shop.SignIn.ProviderUrl);
        Assert.Equal(HttpStatusCode.OK, checkoutPage.StatusCode);
    }

    [Fact]
    public async Task One_shoppers_limit_does_not_hold_back_another_shopper()
    {
        await using var storefront = await LimitedToAsync(1);
        var product = await SeparateCatalog.CreateProductAsync(shop, price: 3m, stock: 100);
        using var first = storefront.Browser(NewShopper());
        using var second = storefront.Browser(NewShopper());

        await first.PostFormAsync("/checkout", await first.CheckoutFormAsync(product));
        var firstAgain = await first.PostFormAsync("/checkout", await first.CheckoutFormAsync(product));
        var secondsTurn = await second.PostFormAsync("/checkout", await second.CheckoutFormAsync(product));

        Assert.Equal((HttpStatusCode)429, firstAgain.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, secondsTurn.StatusCode);
    }

    [Fact]
    public async Task A_program_asking_for_JSON_gets_a_429_problem_with_Retry_After()
    {
        await using var storefront = await LimitedToAsync(1);
        var product = await SeparateCatalog.CreateProductAsync(shop, price: 3m, stock: 100);
        using var shopper = storefront.Browser(NewShopper());
        await shopper.PostFormAsync("/checkout", await shopper.CheckoutFormAsync(product));
        using var request = new HttpRequestMessage(HttpMethod.Post, "/checkout") { Content = new FormUrlEncodedContent(await shopper.CheckoutFormAsync(product)) };
        request.Headers.Add("Accept", "application/json");

        var refused = await shopper.SendAsync(request);

        Assert.Equal((HttpStatusCode)429, refused.StatusCode);
        Assert.NotNull(refused.Headers.RetryAfter);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await refused.Content.ReadAsStringAsync());
        Assert.Equal(429, problem.RootElement.GetProperty("status").GetInt32());
        Assert.True(problem.RootElement.TryGetProperty("correlationId", out _));
    }

    private async Task<WebApplicationFactory<Program>> LimitedToAsync(int checkouts) => shop.CreateStorefront(await SeparateCatalog.SettingsAsync(shop, new()
    {
        ["RateLimits__CheckoutsPerWindow"] = checkouts.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["RateLimits__Window"] = "00:01:00",
    })).WithTestSignIn();

    private static string NewShopper() => $"limited-{Guid.NewGuid():N}";
}
