using System.Security.Claims;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Storefront.Cart;

namespace Storefront.Tests;

[Collection(StorefrontCollection.Name)]
public sealed class CartTests(StorefrontFixture shop)
{
    [Fact]
    public async Task A_visitor_gets_a_cart_cookie_and_adding_the_same_product_again_adds_to_its_quantity()
    {
        using var scope = shop.Storefront.Services.CreateScope();
        var cart = scope.ServiceProvider.GetRequiredService<CurrentCart>();
        var http = new DefaultHttpContext();

        await cart.AddAsync(http, "enamel-camp-mug", 2, CancellationToken.None);
        var visitor = WithCookiesFrom(http);
        await cart.AddAsync(visitor, "enamel-camp-mug", 3, CancellationToken.None);

        var lines = (await cart.GetAsync(WithCookiesFrom(http), CancellationToken.None)).Lines;
        Assert.Equal(5, Assert.Single(lines).Quantity);
    }

    [Fact]
    public async Task Quantities_are_capped_at_ten_and_unknown_products_are_refused()
    {
        using var scope = shop.Storefront.Services.CreateScope();
        var cart = scope.ServiceProvider.GetRequiredService<CurrentCart>();
        var http = new DefaultHttpContext();

        await cart.AddAsync(http, "enamel-camp-mug", 8, CancellationToken.None);
        await cart.AddAsync(WithCookiesFrom(http), "enamel-camp-mug", 8, CancellationToken.None);
        var refused = await cart.AddAsync(WithCookiesFrom(http), "no-such-product", 1, CancellationToken.None);

        Assert.Equal(CartChange.UnknownProduct, refused);
        Assert.Equal(10, Assert.Single((await cart.GetAsync(WithCookiesFrom(http), CancellationToken.None)).Lines).Quantity);
    }

    [Fact]
    public async Task Signing_in_merges_the_visitors_cart_into_the_shoppers_cart()
    {
        using var scope = shop.Storefront.Services.CreateScope();
        var cart = scope.ServiceProvider.GetRequiredService<CurrentCart>();
        var shopper = new ClaimsPrincipal(new ClaimsIdentity([new Claim("sub", Guid.NewGuid().ToString()), new Claim("email", "a@example.com")], "test"));
        await cart.AddAsync(new DefaultHttpContext { User = shopper }, "brass-fountain-pen", 1, CancellationToken.None);
        var visitor = new DefaultHttpContext();
        await cart.AddAsync(visitor, "enamel-camp-mug", 2, CancellationToken.None);
        await cart.AddAsync(WithCookiesFrom(visitor), "brass-fountain-pen", 1, CancellationToken.None);

        var signedIn = WithCookiesFrom(visitor);
        signedIn.User = shopper;
        var merged = await cart.GetAsync(signedIn, CancellationToken.None);

        Assert.Equal([("brass-fountain-pen", 2), ("enamel-camp-mug", 2)], merged.Lines.Select(l => (l.ProductId, l.Quantity)).Order());
        Assert.Contains(signedIn.Response.Headers.SetCookie, c => c!.StartsWith("cart=;", StringComparison.Ordinal));
        Assert.Empty((await cart.GetAsync(WithCookiesFrom(visitor), CancellationToken.None)).Lines);
    }

    /// <summary>A next request from the same browser: it sends back the cookies the last response set.</summary>
    private static DefaultHttpContext WithCookiesFrom(DefaultHttpContext previous)
    {
        var next = new DefaultHttpContext();
        var cookies = previous.Response.Headers.SetCookie.Select(c => c!.Split(';')[0]).Where(c => !c.EndsWith('='));
        next.Request.Headers.Cookie = string.Join("; ", cookies.Concat(previous.Request.Headers.Cookie.Where(c => c is not null).Select(c => c!)));
        return next;
    }
}
