using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using TestSupport;

namespace Storefront.Tests;

/// <summary>The catalog page is rendered once for all visitors, once for all signed-in shoppers and the htmx grid once
/// for everyone, each getting their own token and email.</summary>
[Collection(StorefrontCollection.Name)]
public sealed partial class CatalogPageCacheTests(StorefrontFixture shop)
{
    [Fact]
    public async Task A_second_visitor_gets_the_kept_page_with_a_token_of_their_own_that_works_only_for_them()
    {
        await using var storefront = shop.CreateStorefront(Logging);
        using var first = storefront.Browser();
        using var second = storefront.Browser();

        var firstPage = await first.GetStringAsync("/?sort=name");
        var secondPage = await second.GetStringAsync("/?sort=name");
        var (firstToken, secondToken) = (Token(firstPage), Token(secondPage));
        var added = await first.PostAsync("/cart/lines", AbuseTestSupport.Form(firstToken, ("productId", "enamel-camp-mug"), ("returnUrl", "/")));
        var crossed = await second.PostAsync("/cart/lines", AbuseTestSupport.Form(firstToken, ("productId", "enamel-camp-mug"), ("returnUrl", "/")));
        var own = await second.PostAsync("/cart/lines", AbuseTestSupport.Form(secondToken, ("productId", "enamel-camp-mug"), ("returnUrl", "/")));

        Assert.Single(PageRenderings(storefront));
        Assert.NotEqual(firstToken, secondToken);
        Assert.Equal(TokenPattern().Replace(firstPage, ""), TokenPattern().Replace(secondPage, ""));
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, crossed.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, own.StatusCode);
    }

    [Fact]
    public async Task Each_visitor_sees_their_own_cart_count_on_the_kept_page()
    {
        await using var storefront = shop.CreateStorefront();
        using var withCart = storefront.Browser();
        using var withoutCart = storefront.Browser();
        var token = Token(await withCart.GetStringAsync("/?sort=price-asc"));
        await withCart.PostAsync("/cart/lines", AbuseTestSupport.Form(token, ("productId", "enamel-camp-mug"), ("quantity", "2"), ("returnUrl", "/")));

        var theirs = await withCart.GetDocumentAsync("/?sort=price-asc");
        var another = await withoutCart.GetDocumentAsync("/?sort=price-asc");

        Assert.Equal("2", theirs.QuerySelector("#cart-link .cart-count")!.TextContent);
        Assert.Equal("0", another.QuerySelector("#cart-link .cart-count")!.TextContent);
    }

    [Fact]
    public async Task A_signed_in_shopper_gets_their_own_page_not_the_visitors_one()
    {
        await using var storefront = shop.CreateStorefront(Logging).WithTestSignIn();
        using var visitor = storefront.Browser();
        using var shopper = storefront.Browser("kept-page-shopper");

        var visitorsPage = await visitor.GetStringAsync("/?sort=name-desc");
        var shoppersPage = await shopper.GetStringAsync("/?sort=name-desc");

        Assert.Contains("Sign in", visitorsPage);
        Assert.Contains("Your orders", shoppersPage);
        Assert.DoesNotContain("Your orders", visitorsPage);
        Assert.Equal(2, PageRenderings(storefront).Count);
    }

    [Fact]
    public async Task Signed_in_shoppers_share_one_rendering_each_seeing_their_own_email_with_a_token_that_works_only_for_them()
    {
        await using var storefront = shop.CreateStorefront(Logging).WithTestSignIn();
        using var ann = storefront.Browser("kept-ann");
        using var bob = storefront.Browser("kept-bob");

        var annsPage = await ann.GetStringAsync("/?sort=price-desc");
        var bobsPage = await bob.GetStringAsync("/?sort=price-desc");
        var crossed = await bob.PostAsync("/cart/lines", AbuseTestSupport.Form(Token(annsPage), ("productId", "enamel-camp-mug"), ("returnUrl", "/")));
        var own = await bob.PostAsync("/cart/lines", AbuseTestSupport.Form(Token(bobsPage), ("productId", "enamel-camp-mug"), ("returnUrl", "/")));

        Assert.Single(PageRenderings(storefront));
        Assert.Contains(">kept-ann@example.com</a>", annsPage);
        Assert.Contains(">kept-bob@example.com</a>", bobsPage);
        Assert.DoesNotContain("kept-ann", bobsPage);
        Assert.Equal(2, TokenPattern().Matches(bobsPage).Count(m => m.Groups[1].Value == Token(bobsPage))); // cart and sign-out forms
        Assert.Equal(HttpStatusCode.BadRequest, crossed.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, own.StatusCode);
    }

    [Fact]
    public async Task The_htmx_grid_is_rendered_once_and_sent_the_same_to_everyone_with_no_token_and_its_tidy_address()
    {
        await using var storefront = shop.CreateStorefront(Logging).WithTestSignIn();
        using var visitor = storefront.Browser();
        using var shopper = storefront.Browser("kept-grid-shopper");

        async Task<(string Html, string PushUrl)> GridAsync(HttpClient browser)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/?category=kitchen&q=&sort=name");
            request.Headers.Add("HX-Request", "true");
            using var response = await browser.SendAsync(request);
            return (await response.Content.ReadAsStringAsync(), string.Join(",", response.Headers.GetValues("HX-Push-Url")));
        }
        var visitors = await GridAsync(visitor);
        var shoppers = await GridAsync(shopper);

        Assert.Single(PageRenderings(storefront));
        Assert.StartsWith("<section id=\"product-results\"", visitors.Html.TrimStart());
        // The cards' buttons submit the page's form, outside the grid, so the grid carries nobody's token.
        Assert.DoesNotMatch(TokenPattern(), visitors.Html);
        Assert.Equal(visitors.Html, shoppers.Html);
        Assert.Equal("/?category=kitchen&sort=name", visitors.PushUrl);
        Assert.Equal(visitors.PushUrl, shoppers.PushUrl);
    }

    [Fact]
    public async Task A_product_page_is_rendered_once_for_every_visitor_each_with_a_token_that_works()
    {
        await using var storefront = shop.CreateStorefront(Logging);
        using var first = storefront.Browser();
        using var second = storefront.Browser();

        var firstPage = await first.GetStringAsync("/products/enamel-camp-mug");
        var secondPage = await second.GetStringAsync("/products/enamel-camp-mug");
        var added = await second.PostAsync("/cart/lines", AbuseTestSupport.Form(Token(secondPage), ("productId", "enamel-camp-mug"), ("returnUrl", "/")));

        Assert.Single(PageRenderings(storefront, "/Catalog/ProductDetails"));
        Assert.NotEqual(Token(firstPage), Token(secondPage));
        Assert.Equal(TokenPattern().Replace(firstPage, ""), TokenPattern().Replace(secondPage, ""));
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
    }

    private static readonly Dictionary<string, string?> Logging = new() { ["Logging__LogLevel__Microsoft.AspNetCore.Routing"] = "Information" };

    /// <summary>Each time Razor Pages ran the page (routing logs it at Information).</summary>
    private static IReadOnlyList<System.Text.Json.JsonElement> PageRenderings(WebApplicationFactory<Program> storefront, string page = "/Catalog/Index") =>
        storefront.Services.GetRequiredService<CapturedTelemetry>().LinesWithTemplate("Executing endpoint '{EndpointName}'")
            .Where(l => l.GetProperty("properties").GetProperty("EndpointName").GetString() == page).ToList();

    private static string Token(string html) => TokenPattern().Match(html).Groups[1].Value is { Length: > 0 } token
        ? token : throw new InvalidOperationException("No antiforgery token on the page.");

    [GeneratedRegex($"name=\"{AbuseTestSupport.TokenField}\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
