using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Storefront.Tests;

/// <summary>
/// Nothing the shop answers a signed-in shopper may be kept by a browser or a proxy (the back button of a shared
/// computer, a proxy's cache); what is public keeps the caching it has.
/// </summary>
[Collection(StorefrontCollection.Name)]
public sealed class SignedInCachingTests(StorefrontFixture shop)
{
    [Theory]
    [InlineData("/", null)]
    [InlineData("/?category=kitchen", "true")]
    [InlineData("/products/enamel-camp-mug", null)]
    [InlineData("/cart", null)]
    [InlineData("/account", null)]
    [InlineData("/orders", null)]
    [InlineData("/checkout", null)]
    [InlineData("/no-such-page", null)]
    public async Task Every_page_a_signed_in_shopper_gets_is_marked_no_store(string url, string? htmx)
    {
        await using var storefront = shop.Storefront.WithTestSignIn();
        using var client = storefront.Browser(Guid.NewGuid().ToString());
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (htmx is not null)
        {
            request.Headers.Add("HX-Request", htmx);
        }

        using var response = (await client.SendAsync(request)).NotAServerError();

        Assert.True(response.Headers.CacheControl?.NoStore, $"{url} answered Cache-Control: {response.Headers.CacheControl}");
    }

    [Fact]
    public async Task The_order_status_poll_of_a_signed_in_shopper_is_marked_no_store()
    {
        await using var storefront = shop.CreateShoppingStorefront().WithTestSignIn();
        using var client = storefront.Browser(Guid.NewGuid().ToString());
        var product = await shop.CreateProductAsync(price: 4m, stock: 5);
        var placed = await client.PostFormAsync("/checkout", await client.CheckoutFormAsync(product));
        using var poll = new HttpRequestMessage(HttpMethod.Get, placed.Headers.Location!.OriginalString.Split('?')[0]);
        poll.Headers.Add("HX-Request", "true");

        using var response = await client.SendAsync(poll);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Pending", await response.Content.ReadAsStringAsync());
        Assert.True(response.Headers.CacheControl?.NoStore, $"The poll answered Cache-Control: {response.Headers.CacheControl}");
    }

    [Fact]
    public async Task A_visitors_catalog_data_and_anyones_static_files_keep_their_caching()
    {
        await using var storefront = shop.Storefront.WithTestSignIn();
        using var visitor = storefront.CreateClient();
        using var shopper = storefront.Browser(Guid.NewGuid().ToString());
        var script = (await visitor.GetDocumentAsync("/")).QuerySelector("script")!.GetAttribute("src")!;

        using var products = await visitor.GetAsync("/api/products?category=kitchen");
        using var product = await visitor.GetAsync("/api/products/enamel-camp-mug");
        using var file = await shopper.GetAsync(script);

        Assert.Null(products.Headers.CacheControl);
        Assert.Null(product.Headers.CacheControl);
        Assert.Equal("public, max-age=31536000, immutable", file.Headers.CacheControl?.ToString());
    }
}
