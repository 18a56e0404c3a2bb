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
        var http = new DefaultHttpContext();

        await Cart().AddAsync(http, "enamel-camp-mug", 2, CancellationToken.None);
        var visitor = WithCookiesFrom(http);
        await Cart().AddAsync(visitor, "enamel-camp-mug", 3, CancellationToken.None);

        var lines = (await Cart().GetAsync(WithCookiesFrom(http), CancellationToken.None)).Lines;
        Assert.Equal(5, Assert.Single(lines).Quantity);
    }

    [Fact]
    public async Task Quantities_are_capped_at_ten_and_unknown_products_are_refused()
    {
        var http = new DefaultHttpContext();

        await Cart().AddAsync(http, "enamel-camp-mug", 8, CancellationToken.None);
        await Cart().AddAsync(WithCookiesFrom(http), "enamel-camp-mug", 8, CancellationToken.None);
        var refused = await Cart().AddAsync(WithCookiesFrom(http), "no-such-product", 1, CancellationToken.None);

        Assert.Equal(CartChange.UnknownProduct, refused);
        Assert.Equal(10, Assert.Single((await Cart().GetAsync(WithCookiesFrom(http), CancellationToken.None)).Lines).Quantity);
    }

    [Fact]
    public async Task Signing_in_merges_the_visitors_cart_into_the_shoppers_cart()
    {
        var shopper = new ClaimsPrincipal(new ClaimsIdentity([new Claim("sub", Guid.NewGuid().ToString()), new Claim("email", "a@example.com")], "test"));
        await Cart().AddAsync(new DefaultHttpContext { User = shopper }, "brass-fountain-pen", 1, CancellationToken.None);
        var visitor = new DefaultHttpContext();
        await Cart().AddAsync(visitor, "enamel-camp-mug", 2, CancellationToken.None);
        await Cart().AddAsync(WithCookiesFrom(visitor), "brass-fountain-pen", 1, CancellationToken.None);

        var signedIn = WithCookiesFrom(visitor);
        signedIn.User = shopper;
        var merged = await Cart().GetAsync(signedIn, CancellationToken.None);

        Assert.Equal([("brass-fountain-pen", 2), ("enamel-camp-mug", 2)], merged.Lines.Select(l => (l.ProductId, l.Quantity)).Order());
        Assert.Contains(signedIn.Response.Headers.SetCookie, c => c!.StartsWith("cart=;", StringComparison.Ordinal));
        Assert.Empty((await Cart().GetAsync(WithCookiesFrom(visitor), CancellationToken.None)).Lines);
    }

    /// <summary>The cart service as one request sees it (it is scoped: it remembers the request's cart).</summary>
    private CurrentCart Cart() => shop.Storefront.Services.CreateScope().ServiceProvider.GetRequiredService<CurrentCart>();

    /// <summary>A next request from the same browser: it sends back the cookies the last response set.</summary>
    internal static DefaultHttpContext WithCookiesFrom(DefaultHttpContext previous)
    {
        var next = new DefaultHttpContext();
        var cookies = previous.Response.Headers.SetCookie.Select(c => c!.Split(';')[0]).Where(c => !c.EndsWith('='));
        next.Request.Headers.Cookie = string.Join("; ", cookies.Concat(previous.Request.Headers.Cookie.Where(c => c is not null).Select(c => c!)));
        return next;
    }
}
